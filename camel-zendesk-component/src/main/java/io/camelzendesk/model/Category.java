package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A Help Center category. Unknown fields are kept; only set fields are sent. */
public class Category extends ZendeskObject {

    public String getName() {
        return getString("name");
    }

    public Category setName(String value) {
        set("name", value);
        return this;
    }

    public String getDescription() {
        return getString("description");
    }

    public Category setDescription(String value) {
        set("description", value);
        return this;
    }

    public String getLocale() {
        return getString("locale");
    }

    public Category setLocale(String value) {
        set("locale", value);
        return this;
    }

    public Long getPosition() {
        return getLong("position");
    }

    public Category setPosition(Long value) {
        set("position", value);
        return this;
    }
}
