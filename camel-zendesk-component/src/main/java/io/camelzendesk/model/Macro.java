package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A macro: actions an agent applies to a ticket. Unknown fields are kept; only set fields are sent. */
public class Macro extends ZendeskObject {

    public String getTitle() {
        return getString("title");
    }

    public Macro setTitle(String value) {
        set("title", value);
        return this;
    }

    public String getDescription() {
        return getString("description");
    }

    public Macro setDescription(String value) {
        set("description", value);
        return this;
    }

    public Boolean getActive() {
        return getBoolean("active");
    }

    public Macro setActive(Boolean value) {
        set("active", value);
        return this;
    }

    /** The actions: {field, value}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getActions() {
        return (List<Map<String, Object>>) get("actions");
    }
}
