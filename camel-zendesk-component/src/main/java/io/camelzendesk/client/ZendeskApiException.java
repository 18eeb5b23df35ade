package io.camelzendesk.client;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Zendesk answered with a non-2xx status. Carries the status, Zendesk's {@code error}, {@code description} and
 * {@code details}, the {@code Retry-After} delay, the request id, the method and the path (never a credential,
 * never a query string).
 */
public class ZendeskApiException extends ZendeskException {

    private final int status;
    private final String error;
    private final String description;
    private final Map<String, List<Map<String, Object>>> details;
    private final Duration retryAfter;
    private final String requestId;
    private final String method;
    private final String path;
    private final int attempts;

    public ZendeskApiException(ZendeskError e) {
        this(e, null);
    }

    /** With {@code more} appended to the message (what the status means here), when not null. */
    protected ZendeskApiException(ZendeskError e, String more) {
        super(more == null ? message(e) : message(e) + ". " + more);
        this.status = e.status();
        this.error = e.error();
        this.description = e.description();
        this.details = e.details() == null ? Collections.emptyMap() : e.details();
        this.retryAfter = e.retryAfter();
        this.requestId = e.requestId();
        this.method = e.method();
        this.path = e.path();
        this.attempts = e.attempts();
    }

    /** Builds the exception subtype that matches the status. */
    public static ZendeskApiException of(ZendeskError e) {
        return switch (e.status()) {
            case 401 -> new ZendeskAuthenticationException(e);
            case 403 -> new ZendeskForbiddenException(e);
            case 404 -> new ZendeskNotFoundException(e);
            case 409 -> new ZendeskConflictException(e);
            case 422 -> new ZendeskValidationException(e);
            case 429 -> new ZendeskRateLimitException(e);
            default -> new ZendeskApiException(e);
        };
    }

    private static String message(ZendeskError e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.method()).append(' ').append(e.path()).append(" -> HTTP ").append(e.status());
        if (e.error() != null) {
            sb.append(' ').append(e.error());
        }
        if (e.description() != null) {
            sb.append(": ").append(e.description());
        }
        if (e.details() != null && !e.details().isEmpty()) {
            sb.append(" details=").append(e.details());
        }
        if (e.retryAfter() != null) {
            sb.append(" (Retry-After ").append(e.retryAfter().toSeconds()).append(" s)");
        }
        if (e.attempts() > 1) {
            sb.append(" after ").append(e.attempts()).append(" attempts");
        }
        if (e.requestId() != null) {
            sb.append(" [request id ").append(e.requestId()).append(']');
        }
        return sb.toString();
    }

    public int getStatus() {
        return status;
    }

    /** Zendesk's {@code error} field (e.g. {@code RecordNotFound}, {@code RecordInvalid}), or null. */
    public String getError() {
        return error;
    }

    public String getDescription() {
        return description;
    }

    /** Zendesk's {@code details}: field name (or {@code base}) to a list of {description, error} objects. */
    public Map<String, List<Map<String, Object>>> getDetails() {
        return details;
    }

    /** The {@code Retry-After} the server sent, or null. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getMethod() {
        return method;
    }

    public String getPath() {
        return path;
    }

    public int getAttempts() {
        return attempts;
    }
}
