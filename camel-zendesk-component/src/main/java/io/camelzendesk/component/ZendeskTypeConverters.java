package io.camelzendesk.component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.spi.TypeConverterRegistry;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.SourceFields;
import io.camelzendesk.model.ZendeskObject;

/**
 * Camel type converters of the Zendesk models: a model becomes a {@code Map} (plain maps and lists all the way down),
 * JSON text, bytes or a stream, so {@code convertBodyTo}, {@code ${body[subject]}} and {@code marshal: json} work in
 * any DSL; a {@code Map} or JSON becomes a model ({@code convertBodyTo: io.camelzendesk.model.Ticket}).
 */
@Converter(generateLoader = true)
public final class ZendeskTypeConverters {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ZendeskTypeConverters() {
    }

    /** An operation by name, case-insensitively; an unknown name fails listing the valid ones. */
    @Converter
    public static ZendeskOperation toOperation(String name) {
        return ZendeskOperation.of(name);
    }

    @Converter
    public static Map<String, Object> toMap(ZendeskObject value) {
        return ZendeskJson.MAPPER.convertValue(value, MAP);
    }

    /** The JSON of a record as Zendesk sent it, when nothing of it was changed; else written from its fields. */
    @Converter
    public static String toJson(ZendeskObject value) {
        byte[] unread = SourceFields.unreadJson(value);
        if (unread != null) {
            return new String(unread, java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return ZendeskJson.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Converter
    public static byte[] toBytes(ZendeskObject value) {
        byte[] unread = SourceFields.unreadJson(value);
        if (unread != null) {
            return unread.clone();
        }
        try {
            return ZendeskJson.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Converter
    public static InputStream toInputStream(ZendeskObject value) {
        return new ByteArrayInputStream(toBytes(value));
    }

    /** A {@code Map}, JSON text or JSON bytes to a model class; null (no conversion) for anything else. */
    @Converter(fallback = true)
    public static Object toModel(Class<?> type, Exchange exchange, Object value, TypeConverterRegistry registry) {
        if (!ZendeskObject.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers()) || value == null) {
            return null;
        }
        Object source = value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value;
        if (source instanceof CharSequence cs) {
            String text = cs.toString().trim();
            if (!text.startsWith("{")) {
                return null;
            }
            try {
                source = ZendeskJson.MAPPER.readValue(text, MAP);
            } catch (IOException e) {
                return null;
            }
        }
        if (source instanceof Map<?, ?> map) {
            // an envelope {"ticket": {...}} is unwrapped
            if (map.size() == 1 && map.values().iterator().next() instanceof Map<?, ?> inner) {
                map = inner;
            }
            return ZendeskJson.MAPPER.convertValue(map, type);
        }
        return null;
    }
}
