package io.camelzendesk.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Zendesk ticket. Unknown fields are kept; only set fields are sent. */
public class Ticket extends ZendeskObject {

    public String getSubject() {
        return getString("subject");
    }

    public Ticket setSubject(String subject) {
        set("subject", subject);
        return this;
    }

    public String getDescription() {
        return getString("description");
    }

    public String getStatus() {
        return getString("status");
    }

    public Ticket setStatus(String status) {
        set("status", status);
        return this;
    }

    public String getPriority() {
        return getString("priority");
    }

    public Ticket setPriority(String priority) {
        set("priority", priority);
        return this;
    }

    public String getType() {
        return getString("type");
    }

    public Ticket setType(String type) {
        set("type", type);
        return this;
    }

    public String getExternalId() {
        return getString("external_id");
    }

    public Ticket setExternalId(String externalId) {
        set("external_id", externalId);
        return this;
    }

    public Long getRequesterId() {
        return getLong("requester_id");
    }

    public Ticket setRequesterId(Long id) {
        set("requester_id", id);
        return this;
    }

    /** The requester as {@code {name, email}} for a ticket created for someone who may not be a user yet. */
    public Ticket setRequester(String name, String email) {
        Map<String, Object> requester = new LinkedHashMap<>();
        requester.put("name", name);
        requester.put("email", email);
        set("requester", requester);
        return this;
    }

    public Long getAssigneeId() {
        return getLong("assignee_id");
    }

    public Ticket setAssigneeId(Long id) {
        set("assignee_id", id);
        return this;
    }

    public Long getGroupId() {
        return getLong("group_id");
    }

    public Ticket setGroupId(Long id) {
        set("group_id", id);
        return this;
    }

    public Long getOrganizationId() {
        return getLong("organization_id");
    }

    public Ticket setOrganizationId(Long id) {
        set("organization_id", id);
        return this;
    }

    public List<String> getTags() {
        return getStrings("tags");
    }

    public Ticket setTags(List<String> tags) {
        set("tags", tags == null ? null : new ArrayList<>(tags));
        return this;
    }

    /** The comment to add with this create or update. */
    public Ticket setComment(Comment comment) {
        set("comment", comment);
        return this;
    }

    /** Custom fields as Zendesk sends them: {@code [{id, value}]}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getCustomFields() {
        return (List<Map<String, Object>>) get("custom_fields");
    }

    /** The value of the custom field with this id, or null. */
    public Object getCustomField(long fieldId) {
        List<Map<String, Object>> fields = getCustomFields();
        if (fields != null) {
            for (Map<String, Object> f : fields) {
                if (f.get("id") instanceof Number n && n.longValue() == fieldId) {
                    return f.get("value");
                }
            }
        }
        return null;
    }

    /** Sets (or replaces) the value of one custom field by id. */
    @SuppressWarnings("unchecked")
    public Ticket setCustomField(long fieldId, Object value) {
        Object current = get("custom_fields");
        List<Object> fields = current instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        fields.removeIf(f -> f instanceof Map<?, ?> m && m.get("id") instanceof Number n && n.longValue() == fieldId);
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("id", fieldId);
        field.put("value", value);
        fields.add(field);
        set("custom_fields", fields);
        return this;
    }

    public Instant getDueAt() {
        return getInstant("due_at");
    }

    /** Zendesk's {@code generated_timestamp} (epoch seconds), the clock of the incremental export. */
    public Long getGeneratedTimestamp() {
        return getLong("generated_timestamp");
    }
}
