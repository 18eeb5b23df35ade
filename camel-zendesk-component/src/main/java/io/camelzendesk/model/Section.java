package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A Help Center section. Unknown fields are kept; only set fields are sent. */
public class Section extends ZendeskObject {

    public String getName() {
        return getString("name");
    }

    public Section setName(String value) {
        set("name", value);
        return this;
    }

    public String getDescription() {
        return getString("description");
    }

    public Section setDescription(String value) {
        set("description", value);
        return this;
    }

    public String getLocale() {
        return getString("locale");
    }

    public Section setLocale(String value) {
        set("locale", value);
        return this;
    }

    public Long getCategoryId() {
        return getLong("category_id");
    }

    public Section setCategoryId(Long value) {
        set("category_id", value);
        return this;
    }

    public Long getPosition() {
        return getLong("position");
    }

    public Section setPosition(Long value) {
        set("position", value);
        return this;
    }
}
