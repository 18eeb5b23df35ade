package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ticket field (system or custom). Unknown fields are kept; only set fields are sent. */
public class TicketField extends ZendeskObject {

    public String getTitle() {
        return getString("title");
    }

    public TicketField setTitle(String value) {
        set("title", value);
        return this;
    }

    public String getType() {
        return getString("type");
    }

    public TicketField setType(String value) {
        set("type", value);
        return this;
    }

    public String getKey() {
        return getString("key");
    }

    public TicketField setKey(String value) {
        set("key", value);
        return this;
    }

    public String getDescription() {
        return getString("description");
    }

    public TicketField setDescription(String value) {
        set("description", value);
        return this;
    }

    public Boolean getActive() {
        return getBoolean("active");
    }

    public TicketField setActive(Boolean value) {
        set("active", value);
        return this;
    }

    public Boolean getRequired() {
        return getBoolean("required");
    }

    public TicketField setRequired(Boolean value) {
        set("required", value);
        return this;
    }

    /** Options of a dropdown or multiselect: {id, name, value}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getCustomFieldOptions() {
        return (List<Map<String, Object>>) get("custom_field_options");
    }
}
