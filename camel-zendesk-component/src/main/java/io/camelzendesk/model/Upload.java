package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An upload: its token attaches the file to a comment. Unknown fields are kept; only set fields are sent. */
public class Upload extends ZendeskObject {

    public String getToken() {
        return getString("token");
    }

    public Upload setToken(String value) {
        set("token", value);
        return this;
    }

    public String getExpiresAt() {
        return getString("expires_at");
    }

    public Upload setExpiresAt(String value) {
        set("expires_at", value);
        return this;
    }

    /** The attachment the upload created. */
    public Map<String, Object> getAttachment() {
        return getMap("attachment");
    }
}
