package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A Zendesk agent group. Unknown fields are kept; only set fields are sent. */
public class Group extends ZendeskObject {

    public String getName() {
        return getString("name");
    }

    public Group setName(String value) {
        set("name", value);
        return this;
    }

    public String getDescription() {
        return getString("description");
    }

    public Group setDescription(String value) {
        set("description", value);
        return this;
    }

    public Boolean getDefault() {
        return getBoolean("default");
    }

    public Group setDefault(Boolean value) {
        set("default", value);
        return this;
    }

    public Boolean getDeleted() {
        return getBoolean("deleted");
    }

    public Group setDeleted(Boolean value) {
        set("deleted", value);
        return this;
    }
}
