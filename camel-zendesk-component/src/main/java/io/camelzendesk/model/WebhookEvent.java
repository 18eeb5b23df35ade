package io.camelzendesk.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * An event of an event-subscribed Zendesk webhook:
 * {@code {"type": "zen:event-type:ticket.status_changed", "account_id", "id", "time", "zendesk_event_version",
 * "subject": "zen:ticket:123", "detail": {...}, "event": {"current": ..., "previous": ...}}}.
 * <p>
 * Every field is kept, known to this class or not, and so are the raw bytes of the delivery ({@link #getRaw()}),
 * exactly as they were signed.
 */
public class WebhookEvent extends ZendeskObject {

    /** The prefix of every event type of an event-subscribed webhook. */
    public static final String TYPE_PREFIX = "zen:event-type:";

    private byte[] raw;

    public WebhookEvent() {
    }

    /** An event from its parsed fields and the raw JSON they were parsed from. */
    public WebhookEvent(Map<String, Object> fields, byte[] raw) {
        fields().putAll(fields);
        this.raw = raw;
    }

    /** The event type, e.g. {@code zen:event-type:ticket.status_changed}. */
    public String getType() {
        return getString("type");
    }

    /** The event type without its {@code zen:event-type:} prefix, e.g. {@code ticket.status_changed}. */
    public String getShortType() {
        String type = getType();
        return type != null && type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    /** The event id (a string such as a UUID: Zendesk's event ids are not numbers). */
    public String getEventId() {
        return getString("id");
    }

    /** The event id as a number when it is one, else null; see {@link #getEventId()}. */
    @Override
    public Long getId() {
        String id = getEventId();
        if (id == null || id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(id);
    }

    /** When the event happened. */
    public Instant getTime() {
        return getInstant("time");
    }

    public Long getAccountId() {
        return getLong("account_id");
    }

    public String getZendeskEventVersion() {
        return getString("zendesk_event_version");
    }

    /** What the event is about, e.g. {@code zen:ticket:123}. */
    public String getSubject() {
        return getString("subject");
    }

    /** The kind of the subject: {@code ticket} of {@code zen:ticket:123}. */
    public String getSubjectType() {
        String[] parts = subjectParts();
        return parts == null ? null : parts[1];
    }

    /** The id of the subject: {@code 123} of {@code zen:ticket:123}. */
    public String getSubjectId() {
        String[] parts = subjectParts();
        return parts == null ? null : parts[2];
    }

    private String[] subjectParts() {
        String subject = getSubject();
        if (subject == null) {
            return null;
        }
        String[] parts = subject.split(":", 3);
        return parts.length == 3 ? parts : null;
    }

    /** The object the event is about, as Zendesk describes it (the ticket, the user, ...). */
    public Map<String, Object> getDetail() {
        return getMap("detail");
    }

    /** The change: {@code {"current": ..., "previous": ...}} (its shape depends on the event type). */
    public Map<String, Object> getEvent() {
        return getMap("event");
    }

    /** The value after the change ({@code event.current}). */
    public Object getCurrent() {
        Map<String, Object> event = getEvent();
        return event == null ? null : event.get("current");
    }

    /** The value before the change ({@code event.previous}). */
    public Object getPrevious() {
        Map<String, Object> event = getEvent();
        return event == null ? null : event.get("previous");
    }

    /** The delivery's body exactly as received and signed; null for an event built in code. */
    public byte[] getRaw() {
        return raw;
    }

    /** {@link #getRaw()} as UTF-8 text. */
    public String getRawJson() {
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }
}
