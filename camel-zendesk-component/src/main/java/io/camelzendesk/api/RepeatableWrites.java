package io.camelzendesk.api;

import java.util.Map;
import java.util.UUID;

/**
 * Which writes may be sent twice, decided from what the body does (the client only sees a method and bytes). A
 * write that is not repeatable is retried only when Zendesk certainly did not process it (429, 503 with
 * {@code Retry-After}, a connection never made); after a 5xx, a timeout or a lost connection it fails with
 * {@link io.camelzendesk.client.ZendeskWriteOutcomeUnknownException}.
 * <ul>
 * <li>not repeatable: anything that adds a comment (a ticket update or macro save with {@code comment},
 * {@code addComment}), a safe update (a repeat that succeeded the first time would answer a false 409), every bulk
 * call (each sends a new job), creates without an {@code Idempotency-Key} (a second object), and an upsert that
 * names no key to match on (it creates);</li>
 * <li>repeatable: updates without a comment (the same fields set twice), tags (set, add and remove give the same
 * tags), translations, uploads (an upload no comment refers to is discarded by Zendesk within the hour), deletes and
 * reads;</li>
 * <li>ticket creates carry an {@code Idempotency-Key} (the caller's, else one generated per call): Zendesk honours it
 * on ticket creates, answering a repeat with the first ticket, so they are retried like reads.</li>
 * </ul>
 */
final class RepeatableWrites {

    private RepeatableWrites() {
    }

    /** A ticket update is repeatable unless it adds a comment or is a safe update. */
    static boolean ticketUpdate(Map<String, Object> ticket) {
        return ticket.get("comment") == null && !"true".equals(String.valueOf(ticket.get("safe_update")));
    }

    /**
     * An upsert matches an existing object only by these fields (users: email or external_id; organizations: id or
     * external_id, never the name); without one it creates, and a repeat would create a second.
     */
    static boolean upsert(ApiResource<?> resource, Map<String, Object> object) {
        if (resource == ApiResource.USERS) {
            return object.get("email") != null || object.get("external_id") != null;
        }
        return object.get("id") != null || object.get("external_id") != null;
    }

    /**
     * The key of a ticket create: the caller's, else a new one for this call only, so that the client's own retries
     * of this one create are answered with the first ticket (a later, separate call gets another key).
     */
    static String ticketCreateKey(String given) {
        return given != null ? given : "camel-zendesk-" + UUID.randomUUID();
    }
}
