package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A Zendesk organization. Unknown fields are kept; only set fields are sent. */
public class Organization extends ZendeskObject {

    public String getName() {
        return getString("name");
    }

    public Organization setName(String value) {
        set("name", value);
        return this;
    }

    public String getExternalId() {
        return getString("external_id");
    }

    public Organization setExternalId(String value) {
        set("external_id", value);
        return this;
    }

    public List<String> getDomainNames() {
        return getStrings("domain_names");
    }

    public Organization setDomainNames(List<String> value) {
        set("domain_names", value == null ? null : new ArrayList<>(value));
        return this;
    }

    public String getDetails() {
        return getString("details");
    }

    public Organization setDetails(String value) {
        set("details", value);
        return this;
    }

    public String getNotes() {
        return getString("notes");
    }

    public Organization setNotes(String value) {
        set("notes", value);
        return this;
    }

    public Long getGroupId() {
        return getLong("group_id");
    }

    public Organization setGroupId(Long value) {
        set("group_id", value);
        return this;
    }

    public List<String> getTags() {
        return getStrings("tags");
    }

    public Organization setTags(List<String> value) {
        set("tags", value == null ? null : new ArrayList<>(value));
        return this;
    }

    public Boolean getSharedTickets() {
        return getBoolean("shared_tickets");
    }

    public Organization setSharedTickets(Boolean value) {
        set("shared_tickets", value);
        return this;
    }
}
