package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A Zendesk user (end user, agent or admin). Unknown fields are kept; only set fields are sent. */
public class User extends ZendeskObject {

    public String getName() {
        return getString("name");
    }

    public User setName(String value) {
        set("name", value);
        return this;
    }

    public String getEmail() {
        return getString("email");
    }

    public User setEmail(String value) {
        set("email", value);
        return this;
    }

    public String getRole() {
        return getString("role");
    }

    public User setRole(String value) {
        set("role", value);
        return this;
    }

    public String getExternalId() {
        return getString("external_id");
    }

    public User setExternalId(String value) {
        set("external_id", value);
        return this;
    }

    public Long getOrganizationId() {
        return getLong("organization_id");
    }

    public User setOrganizationId(Long value) {
        set("organization_id", value);
        return this;
    }

    public String getPhone() {
        return getString("phone");
    }

    public User setPhone(String value) {
        set("phone", value);
        return this;
    }

    public List<String> getTags() {
        return getStrings("tags");
    }

    public User setTags(List<String> value) {
        set("tags", value == null ? null : new ArrayList<>(value));
        return this;
    }

    public Boolean getVerified() {
        return getBoolean("verified");
    }

    public User setVerified(Boolean value) {
        set("verified", value);
        return this;
    }

    public Boolean getSuspended() {
        return getBoolean("suspended");
    }

    public User setSuspended(Boolean value) {
        set("suspended", value);
        return this;
    }

    public String getNotes() {
        return getString("notes");
    }

    public User setNotes(String value) {
        set("notes", value);
        return this;
    }
}
