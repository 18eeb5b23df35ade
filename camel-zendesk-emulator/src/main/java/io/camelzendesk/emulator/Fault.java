package io.camelzendesk.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault to inject into the next {@link #count()} matching API requests (admin requests never match).
 * Immutable; build with the static factories and refine with the {@code with}/{@code on} methods:
 * <pre>{@code admin.injectFault(Fault.rateLimit(2).times(3).onPathPrefix("/api/v2/incremental"));}</pre>
 */
public final class Fault {
    /** What happens to a matching request. */
    public enum Kind {
        /** 429 with Retry-After; body per {@link RateLimitBody}. */
        RATE_LIMIT_429,
        /** 500 with a JSON error body. */
        ERROR_500,
        /** 503 with a plain-text body (and Retry-After when retryAfterSeconds > 0). */
        ERROR_503,
        /** Waits {@link #delay()} and then serves the request normally. */
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

    private Fault(Kind kind, int count, int retryAfterSeconds, RateLimitBody body, Duration delay, String pathRegex,
                  String pathPrefix, String method) {
        this.kind = Objects.requireNonNull(kind);
        this.count = count;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rateLimitBody = body;
        this.delay = delay;
        this.pathRegex = pathRegex;
        this.pathPrefix = pathPrefix;
        this.method = method;
        if (pathRegex != null) {
            Pattern.compile(pathRegex);
        }
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, 1, kind == Kind.RATE_LIMIT_429 ? 1 : 0, RateLimitBody.JSON, Duration.ZERO, null, null, null);
    }

    /** 429 with {@code Retry-After: retryAfterSeconds} and a JSON body. */
    public static Fault rateLimit(int retryAfterSeconds) {
        return of(Kind.RATE_LIMIT_429).withRetryAfter(retryAfterSeconds);
    }

    public static Fault error500() {
        return of(Kind.ERROR_500);
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
        return new Fault(kind, n, retryAfterSeconds, rateLimitBody, delay, pathRegex, pathPrefix, method);
    }

    public Fault withRetryAfter(int seconds) {
        return new Fault(kind, count, seconds, rateLimitBody, delay, pathRegex, pathPrefix, method);
    }

    public Fault withBody(RateLimitBody body) {
        return new Fault(kind, count, retryAfterSeconds, body, delay, pathRegex, pathPrefix, method);
    }

    public Fault withDelay(Duration d) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, d, pathRegex, pathPrefix, method);
    }

    /** Only requests whose raw path matches this regex (find semantics). */
    public Fault onPath(String regex) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, delay, regex, pathPrefix, method);
    }

    /** Only requests whose raw path starts with this prefix. */
    public Fault onPathPrefix(String prefix) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, delay, pathRegex, prefix, method);
    }

    /** Only requests with this HTTP method. */
    public Fault onMethod(String httpMethod) {
        return new Fault(kind, count, retryAfterSeconds, rateLimitBody, delay, pathRegex, pathPrefix, httpMethod);
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
        return "Fault[" + kind + " x" + count + (pathPrefix != null ? " prefix=" + pathPrefix : "")
                + (pathRegex != null ? " regex=" + pathRegex : "") + "]";
    }
}
