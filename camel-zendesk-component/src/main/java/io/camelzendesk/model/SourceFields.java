package io.camelzendesk.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * An object's fields as the JSON Zendesk sent, with where each top-level field's name starts: a model made
 * from it ({@link Factory}) decodes a plain value (a string, a number, true, false, null) only when it is read, and
 * everything at once the first time a nested value is read, a field is set or removed, or the whole map is asked
 * for. A consumer that reads a record's id and time and hands it on never pays for decoding the rest.
 * <p>
 * The values are those the model's deserializer gives: String, Long (BigInteger beyond), Double, Boolean, null,
 * LinkedHashMap and ArrayList.
 */
public final class SourceFields {

    private static final JsonFactory JSON = new JsonFactory();

    private final byte[] json;
    /** Per field, {@code offset << 8 | length} of its name in {@link #json} (after the quote; 255 for 255 or more). */
    private final int[] names;

    private SourceFields(byte[] json, int[] names) {
        this.json = json;
        this.names = names;
    }

    /** The models the exports make, made without reflection; any other through its no-argument constructor. */
    private static final Map<Class<?>, Supplier<?>> EXPORTED = Map.of(Ticket.class, Ticket::new, User.class,
            User::new, Organization.class, Organization::new, TicketEvent.class, TicketEvent::new, Article.class,
            Article::new);

    /** Makes models of one class from their JSON; null for a class that is not a concrete model. */
    @SuppressWarnings("unchecked")
    public static <T> Factory<T> factory(Class<T> type) {
        if (!ZendeskObject.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        Supplier<?> known = EXPORTED.get(type);
        if (known != null) {
            return new Factory<>((Supplier<T>) known);
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return new Factory<>(() -> {
                try {
                    return constructor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + type.getName(), e);
                }
            });
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The JSON of a model none of whose fields was decoded (so none changed) yet, else null. */
    public static byte[] unreadJson(ZendeskObject object) {
        SourceFields source = object.source();
        return source == null ? null : source.json;
    }

    /** Makes the models of one class. */
    public static final class Factory<T> {

        private final Supplier<T> empty;

        private Factory(Supplier<T> empty) {
            this.empty = empty;
        }

        /**
         * A model over the JSON object {@code json} (its own bytes: the model keeps them), whose field names are at
         * {@code names}: {@code offset << 8 | length} each, the offset just after the opening quote, the length 255
         * for 255 or more (names without escapes or non-ASCII characters).
         */
        public T of(byte[] json, int[] names) {
            T object = empty.get();
            ((ZendeskObject) object).useSource(new SourceFields(json, names));
            return object;
        }
    }

    /** The offset of the field's value, of the last field of that name (as a map keeps it), or -1. */
    int indexOf(String name) {
        int length = name.length();
        int lengthKey = Math.min(length, 255);
        for (int f = names.length - 1; f >= 0; f--) {
            int entry = names[f];
            if ((entry & 0xff) == lengthKey) {
                int start = entry >>> 8;
                if (start + length < json.length && json[start + length] == '"' && sameName(start, name)) {
                    int i = whitespace(start + length + 1) + 1; // the colon
                    return whitespace(i);
                }
            }
        }
        return -1;
    }

    private int whitespace(int i) {
        while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
            i++;
        }
        return i;
    }

    private boolean sameName(int start, String name) {
        for (int k = 0; k < name.length(); k++) {
            if (json[start + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value at this offset is an object or an array. */
    boolean isNested(int value) {
        byte first = json[value];
        return first == '{' || first == '[';
    }

    /** The plain value at this offset: a string, a number, true, false or null. */
    Object plainValue(int start) {
        byte first = json[start];
        if (first == '"') {
            int end = start + 1;
            boolean escaped = false;
            for (; json[end] != '"'; end++) {
                if (json[end] == '\\') {
                    escaped = true;
                    end++;
                }
            }
            return escaped ? parsed(start, end + 1) : new String(json, start + 1, end - start - 1, StandardCharsets.UTF_8);
        }
        int end = start;
        byte c;
        while (end < json.length && (c = json[end]) != ',' && c != '}' && c != ']' && c > ' ') {
            end++;
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            Long small = smallInteger(start, end);
            return small != null ? small : parsed(start, end);
        }
        if (is(start, end, "true")) {
            return Boolean.TRUE;
        }
        if (is(start, end, "false")) {
            return Boolean.FALSE;
        }
        return is(start, end, "null") ? null : parsed(start, end);
    }

    /** An integer of at most 18 digits, without a leading zero, or null (Jackson reads anything else). */
    private Long smallInteger(int start, int end) {
        int k = json[start] == '-' ? start + 1 : start;
        int digits = end - k;
        if (digits < 1 || digits > 18 || (json[k] == '0' && digits > 1)) {
            return null;
        }
        long value = 0;
        for (; k < end; k++) {
            int d = json[k] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            value = value * 10 + d;
        }
        return json[start] == '-' ? -value : value;
    }

    private boolean is(int start, int end, String literal) {
        return end - start == literal.length() && sameName(start, literal);
    }

    private Object parsed(int start, int end) {
        try (JsonParser p = JSON.createParser(json, start, end - start)) {
            return ZendeskObjectDeserializer.value(p, p.nextToken(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Zendesk sent a malformed value: " + e.getMessage(), e);
        }
    }

    /** Every field, decoded, in order: the map the model holds from then on. */
    LinkedHashMap<String, Object> decodeAll() {
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>((int) (names.length / 0.75f) + 1);
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                fields.put(name, ZendeskObjectDeserializer.value(p, p.nextToken(), false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Zendesk sent a malformed object: " + e.getMessage(), e);
        }
        return fields;
    }
}
