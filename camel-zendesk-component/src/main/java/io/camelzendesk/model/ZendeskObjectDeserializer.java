package io.camelzendesk.model;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a model the way Jackson reads a {@code Map}: every field straight into the model's field map, values as
 * untyped JSON (maps, lists, strings, Long, ...). No per-field setter call: several times faster than the
 * any-setter path on big export pages.
 */
final class ZendeskObjectDeserializer extends StdDeserializer<ZendeskObject> implements ContextualDeserializer {

    private final transient Constructor<? extends ZendeskObject> constructor;
    /** The most fields an object of this type had so far: the next one's map is sized for that many. */
    private volatile int expectedFields;

    ZendeskObjectDeserializer() {
        super(ZendeskObject.class);
        this.constructor = null;
    }

    private ZendeskObjectDeserializer(Class<? extends ZendeskObject> type) throws NoSuchMethodException {
        super(type);
        this.constructor = type.getDeclaredConstructor();
        this.constructor.setAccessible(true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        JavaType type = ctxt.getContextualType() != null ? ctxt.getContextualType()
                : property != null ? property.getType() : null;
        if (type == null || !ZendeskObject.class.isAssignableFrom(type.getRawClass())
                || java.lang.reflect.Modifier.isAbstract(type.getRawClass().getModifiers())) {
            return this;
        }
        try {
            return new ZendeskObjectDeserializer((Class<? extends ZendeskObject>) type.getRawClass());
        } catch (NoSuchMethodException e) {
            throw JsonMappingException.from(ctxt, type.getRawClass().getName() + " needs a no-argument constructor", e);
        }
    }

    @Override
    public ZendeskObject deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (constructor == null) {
            return (ZendeskObject) ctxt.handleMissingInstantiator(handledType(), null, p, "abstract Zendesk model");
        }
        ZendeskObject object;
        try {
            object = constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw JsonMappingException.from(p, "cannot create " + handledType().getName(), e);
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            t = p.nextToken();
        } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
            return (ZendeskObject) ctxt.handleUnexpectedToken(handledType(), p);
        }
        boolean bigDecimals = ctxt.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        int expected = expectedFields;
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>(expected < 12 ? 16 : (int) (expected / 0.75f) + 1);
        object.useFields(fields);
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            fields.put(name, value(p, p.nextToken(), bigDecimals));
        }
        if (fields.size() > expected) {
            expectedFields = fields.size();
        }
        return object;
    }

    /**
     * One JSON value as plain Java: LinkedHashMap, ArrayList, String, Long (BigInteger beyond), Double (BigDecimal
     * with USE_BIG_DECIMAL_FOR_FLOATS), Boolean, null: what Jackson's untyped deserializer gives with
     * USE_LONG_FOR_INTS, read in one tight loop (the decoding of export pages spends its time here).
     */
    static Object value(JsonParser p, JsonToken t, boolean bigDecimals) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return bigDecimals ? p.getDecimalValue() : (Object) p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    map.put(name, value(p, p.nextToken(), bigDecimals));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(p, e, bigDecimals));
                }
                return list;
            }
            case VALUE_EMBEDDED_OBJECT:
                return p.getEmbeddedObject();
            default:
                throw new IOException("unexpected JSON token " + t + " at " + p.currentLocation());
        }
    }
}
