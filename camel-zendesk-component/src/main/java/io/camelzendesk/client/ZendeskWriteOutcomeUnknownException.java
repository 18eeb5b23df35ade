package io.camelzendesk.client;

/**
 * A write that is not safe to repeat (a comment, a safe update, a bulk job, a create without
 * {@code Idempotency-Key}) failed in a way that does not say whether Zendesk processed it: a 500, 502, 504 or 503
 * without {@code Retry-After}, a timeout, a connection reset or closed after the request was sent. It was not sent
 * again, and whether it happened was not checked: look (the ticket's comments or audits, the job, the list) before
 * sending it again. When the request carried an {@code Idempotency-Key}, sending it again with that same key (within
 * about two hours) returns the first result instead of doing the work twice.
 * <p>
 * The cause is the {@link ZendeskApiException} of the answer (status, error, request id) or the transport failure.
 */
public class ZendeskWriteOutcomeUnknownException extends ZendeskException {

    private final String method;
    private final String path;
    private final Integer status;
    private final int attempts;
    private final String idempotencyKey;

    public ZendeskWriteOutcomeUnknownException(String method, String path, Integer status, int attempts,
            String idempotencyKey, String what, Throwable cause) {
        super(message(method, path, attempts, idempotencyKey, what), cause);
        this.method = method;
        this.path = path;
        this.status = status;
        this.attempts = attempts;
        this.idempotencyKey = idempotencyKey;
    }

    private static String message(String method, String path, int attempts, String idempotencyKey, String what) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(": ").append(what).append(" after ").append(attempts)
                .append(" attempt(s). The write may have happened in Zendesk; it was not repeated");
        if (idempotencyKey != null) {
            sb.append(". Sending it again with the same Idempotency-Key '").append(idempotencyKey)
                    .append("' (within about 2 hours) returns its result instead of repeating it");
        } else {
            sb.append(" and was not verified: check before sending it again");
        }
        return sb.toString();
    }

    public String getMethod() {
        return method;
    }

    /** The path, without query string. */
    public String getPath() {
        return path;
    }

    /** The HTTP status of the last answer, or null when no answer came (timeout, connection lost). */
    public Integer getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    /** The {@code Idempotency-Key} the request carried, or null. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }
}
