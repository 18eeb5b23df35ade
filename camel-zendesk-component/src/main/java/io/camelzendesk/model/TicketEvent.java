package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A ticket event of the incremental ticket_events export. Unknown fields are kept; only set fields are sent. */
public class TicketEvent extends ZendeskObject {

    public Long getTicketId() {
        return getLong("ticket_id");
    }

    public TicketEvent setTicketId(Long value) {
        set("ticket_id", value);
        return this;
    }

    public String getEventType() {
        return getString("event_type");
    }

    public TicketEvent setEventType(String value) {
        set("event_type", value);
        return this;
    }

    public Long getUpdaterId() {
        return getLong("updater_id");
    }

    public TicketEvent setUpdaterId(Long value) {
        set("updater_id", value);
        return this;
    }

    public Long getTimestamp() {
        return getLong("timestamp");
    }

    public TicketEvent setTimestamp(Long value) {
        set("timestamp", value);
        return this;
    }
}
