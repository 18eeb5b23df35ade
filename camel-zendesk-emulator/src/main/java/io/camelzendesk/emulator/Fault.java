package io.camelzendesk.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault to inject into the next {@link #count()} matching API requests (admin requests never match).
 * Immutable; build with the static factories and refine with the {@code with}/{@code on} methods:
 * <pre>{@code admin.injectFault(Fault.rateLimit(2).times(3).onPathPrefix("/api/v2/incremental"));}</pre>
 * By default a fault replaces the request: nothing is applied. With {@link #afterApplying()} the request is served
 * first (the ticket or comment is really created) and only then does the client get the fault instead of the real
 * answer: what a gateway error, a reset or a timeout after the request reached Zendesk looks like.
 * <pre>{@code admin.injectFault(Fault.error502().afterApplying().onMethod("PUT").onPath("^/api/v2/tickets/7(\\.json)?$"));}</pre>
 */
public final class Fault {
    /** What happens to a matching request. */
    public enum Kind {
        /** 429 with Retry-After; body per {@link RateLimitBody}. */
        RATE_LIMIT_429,
        /** 500 with a JSON error body. */
        ERROR_500,
        /** 502 Bad Gateway with an HTML body, as an edge proxy answers. */
        ERROR_502,
        /** 504 Gateway Timeout with an HTML body, as an edge proxy answers. */
        ERROR_504,
        /** 503 with a plain-text body (and Retry-After when retryAfterSeconds > 0). */
        ERROR_503,
        /**
         * Waits {@link #delay()} and then serves the request normally; {@link #afterApplying() after applying}: serves
         * it at once and holds the answer back for {@link #delay()} (longer than the client's timeout, typically).
         */
        DELAY,
        /** Closes the connection without any response. */
        DROP_CONNECTION,
        /** 200 with a truncated, unparseable JSON body. */
        MALFORMED_JSON
    }

    /** Body of an injected 429: Zendesk has been seen to send each of these. */
    public enum RateLimitBody {
        /** text/plain "Too Many Requests". */
        PLAIN_TEXT,
        /** {"error":"APIRateLimitExceeded","description":...}. */
        JSON,
        /** edge protection: {"detail","status","title"}. */
        EDGE_JSON
    }

    private final Kind kind;
    private final int count;
    private final int retryAfterSeconds;
    private final RateLimitBody rateLimitBody;
    private final Duration delay;
    private final String pathRegex;
    private final String pathPrefix;
    private final String method;
    private final boolean afterApplying;

    private Fault(Kind kind, int count, int retryAfterSeconds, RateLimitBody body, Duration delay, String pathRegex,
                  String pathPrefix, String method, boolean afterApplying) {
        this.kind = Objects.requireNonNull(kind);
        this.count = count;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rateLimitBody = body;
        this.delay = delay;
        this.pathRegex = pathRegex;
        this.pathPrefix = pathPrefix;
        this.method = method;
        this.afterApplying = afterApplying;
        if (afterApplying && (kind == Kind.RATE_LIMIT_429 || kind == Kind.ERROR_503)) {
            throw new IllegalArgumentException(kind + " tells the client that the request was not processed:"
                                               + " it cannot come after applying it");
        }
        if (pathRegex != null) {
            Pattern.compile(pathRegex);
        }
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, 1, kind == Kind.RATE_LIMIT_429 ? 1 : 0, RateLimitBody.JSON, Duration.ZERO, null, null, null, false);
    }

    /** 429 with {@code Retry-After: retryAfterSeconds} and a JSON body. */
    public static Fault rateLimit(int retryAfterSeconds) {
        return of(Kind.RATE_LIMIT_429).withRetryAfter(retryAfterSeconds);
    }

    public static Fault error500() {
        return of(Kind.ERROR_500);
    }

    /** 502 Bad Gateway (HTML body). */
    public static Fault error502() {
        return of(Kind.ERROR_502);
    }

    /** 504 Gateway Timeout (HTML body). */
    public static Fault error504() {
        return of(Kind.ERROR_504);
    }

    public static Fault error503() {
        return of(Kind.ERROR_503);
    }

    public static Fault delay(Duration delay) {
        return of(Kind.DELAY).withDelay(delay);
    }

    public static Fault dropConnection() {
        return of(Kind.DROP_CONNECTION);
    }

    public static Fault malformedJson() {
        return of(Kind.MALFORMED_JSON);
    }

    /** Applies to the next {@code n} matching requests (default 1). */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        return new Fault(kind, n, retryAfterSeconds, rateLimitBody, delay, pathRegex, pathPrefix, method, afterApplying);
    }

    public Fault withRetryAfter(int seconds) {
        return new Fault(kind, count, seconds, rateLimitBody, delay, pathRegex, pathPrefix, method, afterApplying);
    }

    public Fault withBody(RateLimitBody body) {
        return new Fault(kind, count, retryAfterSeconds, body, delay, pathRegex, pathPrefix, method, afterApplying);
    }

    public Fault withDelay(Duration d) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, d, pathRegex, pathPrefix, method, afterApplying);
    }

    /** Only requests whose raw path matches this regex (find semantics). */
    public Fault onPath(String regex) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, delay, regex, pathPrefix, method, afterApplying);
    }

    /** Only requests whose raw path starts with this prefix. */
    public Fault onPathPrefix(String prefix) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, delay, pathRegex, prefix, method, afterApplying);
    }

    /** Only requests with this HTTP method. */
    public Fault onMethod(String httpMethod) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, delay, pathRegex, pathPrefix, httpMethod, afterApplying);
    }

    /**
     * The request is served first (its change applied, triggers fired), then the client gets this fault instead of
     * the answer: 500/502/504 or a malformed body, the connection closed without a response, or (DELAY) the answer
     * held back for {@link #delay()}. Not for 429 and 503, which promise the request was not processed.
     */
    public Fault afterApplying() {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, delay, pathRegex, pathPrefix, method, true);
    }

    public Kind kind() {
        return kind;
    }

    public int count() {
        return count;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public RateLimitBody rateLimitBody() {
        return rateLimitBody;
    }

    public Duration delay() {
        return delay;
    }

    public String pathRegex() {
        return pathRegex;
    }

    public String pathPrefix() {
        return pathPrefix;
    }

    public String method() {
        return method;
    }

    /** Whether the request is applied before the fault (see {@link #afterApplying()}). */
    public boolean isAfterApplying() {
        return afterApplying;
    }

    /** Whether a request with this method and raw path is targeted. */
    public boolean matches(String requestMethod, String rawPath) {
        if (method != null && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        if (pathPrefix != null && !rawPath.startsWith(pathPrefix)) {
            return false;
        }
        return pathRegex == null || Pattern.compile(pathRegex).matcher(rawPath).find();
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (afterApplying ? " after applying" : "") + " x" + count + (pathPrefix != null ? " prefix=" + pathPrefix : "")
                + (pathRegex != null ? " regex=" + pathRegex : "") + "]";
    }
}
