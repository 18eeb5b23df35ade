package io.camelzendesk.client;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads one field of a response envelope ({@code {"ticket": {...}}}, {@code {"job_status": {...}}}) straight
 * into a type, skipping the rest of the body. Null when the field is absent.
 */
public final class FieldReader<T> implements BodyReader<T> {

    private final String field;
    private final ObjectReader reader;

    public FieldReader(String field, Class<T> type) {
        this(field, ZendeskJson.MAPPER.constructType(type));
    }

    public FieldReader(String field, JavaType type) {
        this.field = field;
        this.reader = ZendeskJson.MAPPER.readerFor(type);
    }

    @Override
    public T read(InputStream body) throws IOException {
        T value = null;
        try (JsonParser p = ZendeskJson.MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object with \"" + field + "\"");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(field)) {
                    value = reader.readValue(p);
                } else {
                    p.skipChildren();
                }
            }
        }
        return value;
    }
}
