package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A Help Center article. Unknown fields are kept; only set fields are sent. */
public class Article extends ZendeskObject {

    public String getTitle() {
        return getString("title");
    }

    public Article setTitle(String value) {
        set("title", value);
        return this;
    }

    public String getBody() {
        return getString("body");
    }

    public Article setBody(String value) {
        set("body", value);
        return this;
    }

    public String getLocale() {
        return getString("locale");
    }

    public Article setLocale(String value) {
        set("locale", value);
        return this;
    }

    public Long getSectionId() {
        return getLong("section_id");
    }

    public Article setSectionId(Long value) {
        set("section_id", value);
        return this;
    }

    public Long getAuthorId() {
        return getLong("author_id");
    }

    public Article setAuthorId(Long value) {
        set("author_id", value);
        return this;
    }

    public Long getUserSegmentId() {
        return getLong("user_segment_id");
    }

    public Article setUserSegmentId(Long value) {
        set("user_segment_id", value);
        return this;
    }

    public Long getPermissionGroupId() {
        return getLong("permission_group_id");
    }

    public Article setPermissionGroupId(Long value) {
        set("permission_group_id", value);
        return this;
    }

    public List<String> getLabelNames() {
        return getStrings("label_names");
    }

    public Article setLabelNames(List<String> value) {
        set("label_names", value == null ? null : new ArrayList<>(value));
        return this;
    }

    public Boolean getDraft() {
        return getBoolean("draft");
    }

    public Article setDraft(Boolean value) {
        set("draft", value);
        return this;
    }

    public Boolean getPromoted() {
        return getBoolean("promoted");
    }

    public Article setPromoted(Boolean value) {
        set("promoted", value);
        return this;
    }

    public String getHtmlUrl() {
        return getString("html_url");
    }

    public Article setHtmlUrl(String value) {
        set("html_url", value);
        return this;
    }
}
