package io.camelzendesk.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A Zendesk object, held as the fields Zendesk sent (or the caller set), in order. Typed accessors read and write
 * those fields, so:
 * <ul>
 * <li>every field is kept, known to this class or not: a read-modify-write loses nothing;</li>
 * <li>only the fields that were set are serialized: an update of {@code {status: solved}} touches nothing else,
 * and a field set to {@code null} is sent as {@code null} (how Zendesk clears a value).</li>
 * </ul>
 */
@JsonDeserialize(using = ZendeskObjectDeserializer.class)
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
public abstract class ZendeskObject {

    /** The fields; null until the first is set or read, or while only the JSON they came in is held. */
    private volatile Map<String, Object> fields;
    /** The JSON Zendesk sent, while no field was set and no nested value read; then null. */
    private volatile SourceFields source;

    /**
     * For the deserializer: takes an empty map sized for the fields about to be read, so a big object (an export
     * page's ticket has 40-odd fields) is not rehashed twice on the way.
     */
    void useFields(LinkedHashMap<String, Object> empty) {
        fields = empty;
    }

    /** For {@link SourceFields}: a new object is its JSON, decoded as it is read. */
    void useSource(SourceFields json) {
        source = json;
    }

    SourceFields source() {
        return fields == null ? source : null;
    }

    /** All fields, as Zendesk names them ({@code requester_id}, ...), in order. Live: changes write through. */
    @JsonAnyGetter
    public Map<String, Object> fields() {
        Map<String, Object> decoded = fields;
        return decoded != null ? decoded : decodeAll();
    }

    private synchronized Map<String, Object> decodeAll() {
        if (fields == null) {
            SourceFields json = source;
            fields = json == null ? new LinkedHashMap<>() : json.decodeAll();
            source = null;
        }
        return fields;
    }

    /** Sets a field by its Zendesk name; {@code null} is kept (and sent) as null. */
    @JsonAnySetter
    public ZendeskObject set(String name, Object value) {
        fields().put(name, value);
        return this;
    }

    /**
     * A field's value. Of an object read from Zendesk's JSON and not changed, a plain value (string, number,
     * boolean) is decoded from that JSON alone; the first nested value read decodes every field.
     */
    public Object get(String name) {
        Map<String, Object> decoded = fields;
        if (decoded == null) {
            SourceFields json = source;
            if (json != null) {
                int value = json.indexOf(name);
                if (value < 0) {
                    return null;
                }
                if (!json.isNested(value)) {
                    return json.plainValue(value);
                }
            }
            decoded = fields();
        }
        return decoded.get(name);
    }

    public boolean has(String name) {
        Map<String, Object> decoded = fields;
        if (decoded == null) {
            SourceFields json = source;
            if (json != null) {
                return json.indexOf(name) >= 0;
            }
            decoded = fields();
        }
        return decoded.containsKey(name);
    }

    public Object remove(String name) {
        return fields().remove(name);
    }

    public Long getId() {
        return getLong("id");
    }

    public void setId(Long id) {
        set("id", id);
    }

    public String getUrl() {
        return getString("url");
    }

    public Instant getCreatedAt() {
        return getInstant("created_at");
    }

    public Instant getUpdatedAt() {
        return getInstant("updated_at");
    }

    protected String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    protected Long getLong(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && !s.isEmpty()) {
            return Long.parseLong(s);
        }
        return null;
    }

    protected Boolean getBoolean(String name) {
        Object v = get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        return v == null ? null : Boolean.valueOf(v.toString());
    }

    protected Instant getInstant(String name) {
        Object v = get(name);
        if (v instanceof Instant i) {
            return i;
        }
        return v == null ? null : Instant.parse(v.toString());
    }

    protected void setInstant(String name, Instant value) {
        set(name, value == null ? null : value.toString());
    }

    @SuppressWarnings("unchecked")
    protected List<String> getStrings(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Collection<Object>) v) {
            out.add(o == null ? null : o.toString());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    protected List<Long> getLongs(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (Object o : (Collection<Object>) v) {
            out.add(o == null ? null : ((Number) o).longValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> getMap(String name) {
        return (Map<String, Object>) get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && fields().equals(((ZendeskObject) o).fields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), fields());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + fields();
    }
}
