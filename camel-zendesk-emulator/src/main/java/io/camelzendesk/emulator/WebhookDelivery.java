package io.camelzendesk.emulator;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One webhook delivery attempt.
 *
 * @param webhookId    the webhook's id
 * @param invocationId the invocation id (the same for every retry of one invocation)
 * @param attempt      1 for the first try, 2.. for retries
 * @param url          the endpoint
 * @param method       the HTTP method used
 * @param headers      the headers sent
 * @param body         the exact body sent
 * @param status       the receiver's HTTP status, or -1 when no response (timeout, refused)
 * @param error        the transport error, or null
 * @param at           when it was attempted (wall clock)
 */
public record WebhookDelivery(String webhookId, String invocationId, int attempt, String url, String method,
                              Map<String, String> headers, String body, int status, String error, Instant at) {

    /** A header sent with the delivery (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** True when the receiver answered 2xx. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
