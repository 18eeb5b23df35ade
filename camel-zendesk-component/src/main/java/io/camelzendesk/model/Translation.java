package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A Help Center translation (title and body of an article in one locale). Unknown fields are kept; only set fields are sent. */
public class Translation extends ZendeskObject {

    public String getTitle() {
        return getString("title");
    }

    public Translation setTitle(String value) {
        set("title", value);
        return this;
    }

    public String getBody() {
        return getString("body");
    }

    public Translation setBody(String value) {
        set("body", value);
        return this;
    }

    public String getLocale() {
        return getString("locale");
    }

    public Translation setLocale(String value) {
        set("locale", value);
        return this;
    }

    public Boolean getDraft() {
        return getBoolean("draft");
    }

    public Translation setDraft(Boolean value) {
        set("draft", value);
        return this;
    }
}
