package io.camelzendesk.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.ZendeskObject;

/**
 * Turns what a route sends (a model, a {@code Map}, JSON text, bytes or a stream, a list of those) into the maps
 * that go into Zendesk's envelopes, accepting an envelope that is already there.
 */
public final class ZendeskBodies {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ZendeskBodies() {
    }

    /** One object, unwrapped from {@code {root: {...}}} when the body already has the envelope. */
    public static Map<String, Object> object(Object body, String root) {
        Object value = parsed(body);
        if (value == null) {
            throw new IllegalArgumentException("The message body is empty: expected a " + root
                                               + " (model, Map or JSON)");
        }
        if (value instanceof List<?> || value instanceof Collection<?>) {
            throw new IllegalArgumentException("Expected one " + root + " in the message body, got a list");
        }
        Map<String, Object> map = asMap(value, root);
        if (map.size() == 1 && map.get(root) instanceof Map<?, ?> inner) {
            return asMap(inner, root);
        }
        return map;
    }

    /** A list of objects, unwrapped from {@code {plural: [...]}} when the body already has the envelope. */
    public static List<Map<String, Object>> objects(Object body, String singular, String plural) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(body, plural)) {
            out.add(object(o, singular));
        }
        return out;
    }

    /** A list of anything (objects, ids, tags), from a collection, array, iterator, JSON array or envelope. */
    public static List<Object> list(Object body, String plural) {
        Object value = parsed(body);
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.get(plural) instanceof Collection<?> c) {
            value = c;
        }
        List<Object> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            out.addAll(c);
        } else if (value instanceof Iterator<?> it) {
            it.forEachRemaining(out::add);
        } else if (value instanceof Iterable<?> it) {
            it.forEach(out::add);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        } else if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else if (value != null) {
            throw new IllegalArgumentException("Expected a list of " + plural + " in the message body, got "
                                               + value.getClass().getName());
        }
        return out;
    }

    /** Bytes, text and streams that hold JSON are parsed; anything else is returned as it is. */
    public static Object parsed(Object body) {
        try {
            if (body instanceof byte[] b) {
                return b.length == 0 ? null : json(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (body instanceof InputStream in) {
                return parsed(in.readAllBytes());
            }
            if (body instanceof Reader r) {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[8192];
                for (int n; (n = r.read(buf)) > 0;) {
                    sb.append(buf, 0, n);
                }
                return json(sb.toString());
            }
            if (body instanceof CharSequence cs) {
                return json(cs.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body;
    }

    private static Object json(String text) throws IOException {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.startsWith("{") || t.startsWith("[")) {
            return ZendeskJson.MAPPER.readValue(t, Object.class);
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String root) {
        if (value instanceof ZendeskObject zo) {
            return new LinkedHashMap<>(zo.fields());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        if (value instanceof String s) {
            throw new IllegalArgumentException("Expected a " + root + " as JSON in the message body, got text: "
                                               + (s.length() > 80 ? s.substring(0, 80) + "..." : s));
        }
        if (value instanceof Number || value instanceof Boolean) {
            throw new IllegalArgumentException("Expected a " + root + " in the message body, got " + value);
        }
        return ZendeskJson.MAPPER.convertValue(value, MAP);
    }

    public static byte[] envelope(String root, Object value) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put(root, value);
        try {
            return ZendeskJson.MAPPER.writeValueAsBytes(env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
