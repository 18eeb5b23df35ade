package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A ticket comment (added through a ticket update). */
public class Comment extends ZendeskObject {

    public Comment() {
    }

    public Comment(String body, boolean isPublic) {
        setBody(body);
        setPublic(isPublic);
    }

    public String getBody() {
        return getString("body");
    }

    public Comment setBody(String body) {
        set("body", body);
        return this;
    }

    public String getHtmlBody() {
        return getString("html_body");
    }

    public Comment setHtmlBody(String htmlBody) {
        set("html_body", htmlBody);
        return this;
    }

    public Boolean getPublic() {
        return getBoolean("public");
    }

    public Comment setPublic(Boolean isPublic) {
        set("public", isPublic);
        return this;
    }

    public Long getAuthorId() {
        return getLong("author_id");
    }

    public Comment setAuthorId(Long authorId) {
        set("author_id", authorId);
        return this;
    }

    /** Upload tokens to attach. */
    public List<String> getUploads() {
        return getStrings("uploads");
    }

    public Comment setUploads(List<String> tokens) {
        set("uploads", tokens == null ? null : new ArrayList<>(tokens));
        return this;
    }
}
