package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Jackson helpers shared by the whole emulator. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode obj() {
        return F.objectNode();
    }

    public static ArrayNode arr() {
        return F.arrayNode();
    }

    public static ObjectNode obj(Object... kv) {
        ObjectNode n = obj();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], toNode(kv[i + 1]));
        }
        return n;
    }

    public static JsonNode toNode(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof String s) {
            return F.textNode(s);
        }
        if (value instanceof Long l) {
            return F.numberNode(l);
        }
        if (value instanceof Integer i) {
            return F.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof Double d) {
            return F.numberNode(d);
        }
        return MAPPER.valueToTree(value);
    }

    public static ObjectNode fromMap(Map<String, ?> map) {
        return map == null ? obj() : MAPPER.valueToTree(map);
    }

    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of a field, or null when missing/null. Numbers are rendered as text. */
    public static String text(JsonNode n, String field) {
        if (n == null) {
            return null;
        }
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static Long longOrNull(JsonNode n, String field) {
        if (n == null) {
            return null;
        }
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static boolean has(JsonNode n, String field) {
        return n != null && n.has(field);
    }

    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (array.isArray()) {
            array.forEach(e -> {
                if (!e.isNull()) {
                    out.add(e.asText());
                }
            });
        } else {
            for (String s : array.asText().split("[\\s,]+")) {
                if (!s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    public static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> {
                if (e.canConvertToLong() || e.isTextual()) {
                    try {
                        out.add(e.isNumber() ? e.asLong() : Long.parseLong(e.asText()));
                    } catch (NumberFormatException ignored) {
                        // skip
                    }
                }
            });
        }
        return out;
    }

    public static ArrayNode stringArray(Collection<String> values) {
        ArrayNode a = arr();
        values.forEach(a::add);
        return a;
    }

    public static ArrayNode longArray(Collection<Long> values) {
        ArrayNode a = arr();
        values.forEach(a::add);
        return a;
    }

    /** Zendesk normalises tags: lower case, spaces become underscores, de-duplicated. */
    public static Set<String> normalizeTags(Collection<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            String s = t.trim().toLowerCase().replace(' ', '_');
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
