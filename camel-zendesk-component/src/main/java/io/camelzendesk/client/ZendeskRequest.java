package io.camelzendesk.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One API call: method, path below the base URL (or an absolute next-page URL on the same host), query, body and
 * extra headers. Immutable; build with {@link #get(String)}, {@link #post(String)}, ...
 */
public final class ZendeskRequest {

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final byte[] body;
    private final String contentType;
    private final Map<String, String> headers;
    private final Budget budget;
    private final Duration probeTimeout;
    private final Boolean repeatable;

    private ZendeskRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = Map.copyOf(b.query);
        this.body = b.body;
        this.contentType = b.contentType;
        this.headers = Map.copyOf(b.headers);
        this.budget = b.budget;
        this.probeTimeout = b.probeTimeout;
        this.repeatable = b.repeatable;
        this.queryString = buildQuery(b.query);
    }

    private final String queryString;

    public static Builder get(String path) {
        return new Builder("GET", path);
    }

    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    public static Builder put(String path) {
        return new Builder("PUT", path);
    }

    public static Builder delete(String path) {
        return new Builder("DELETE", path);
    }

    public static Builder of(String method, String path) {
        return new Builder(method, path);
    }

    public String method() {
        return method;
    }

    /** The path (or absolute URL) without the query string. */
    public String path() {
        return path;
    }

    public Map<String, String> query() {
        return query;
    }

    /** The encoded query string, without {@code ?}; empty when there is none. */
    public String queryString() {
        return queryString;
    }

    public byte[] body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Budget budget() {
        return budget;
    }

    /** The timeout of a probe (one attempt, not held back by the rate limiter), or null for a normal request. */
    public Duration probeTimeout() {
        return probeTimeout;
    }

    public String idempotencyKey() {
        return headers.get("Idempotency-Key");
    }

    /**
     * True when sending the request twice cannot do the work twice, so that a failure after which Zendesk may have
     * processed it (a 5xx, a timeout, a connection lost after sending) may be retried. Declared by the code that
     * builds the request ({@link Builder#repeatable(boolean)}), which knows what the body does (a comment, a safe
     * update, a job); a request with an {@code Idempotency-Key} is repeatable. Undeclared: reads and deletes are, any
     * other write is not (the safe side: a write nobody declared is never sent twice).
     */
    public boolean isRepeatable() {
        if (idempotencyKey() != null) {
            return true;
        }
        return repeatable != null ? repeatable : !isWrite();
    }

    /** True for every method but GET, HEAD, OPTIONS and DELETE (a delete done twice leaves the same state). */
    public boolean isWrite() {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "DELETE".equals(method));
    }

    public Builder toBuilder() {
        Builder b = new Builder(method, path);
        b.query.putAll(query);
        b.body = body;
        b.contentType = contentType;
        b.headers.putAll(headers);
        b.budget = budget;
        b.probeTimeout = probeTimeout;
        b.repeatable = repeatable;
        return b;
    }

    private static String buildQuery(Map<String, String> query) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private byte[] body;
        private String contentType;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Budget budget = Budget.GENERAL;
        private Duration probeTimeout;
        private Boolean repeatable;

        Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Adds a query parameter; a null value is left out. */
        public Builder query(String name, Object value) {
            if (value != null) {
                query.put(name, String.valueOf(value));
            }
            return this;
        }

        public Builder json(byte[] json) {
            this.body = json;
            this.contentType = "application/json";
            return this;
        }

        public Builder body(byte[] bytes, String contentType) {
            this.body = bytes;
            this.contentType = contentType;
            return this;
        }

        /** Adds a header; a null value is left out. */
        public Builder header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        public Builder idempotencyKey(String key) {
            return header("Idempotency-Key", key);
        }

        /**
         * Declares whether sending this request twice is harmless. When false (a comment, a safe update, a bulk job,
         * a create without {@code Idempotency-Key}), it is sent again only when Zendesk certainly did not process it
         * (429, 503 with {@code Retry-After}, a connection never made); after any other failure the call fails with
         * a {@link ZendeskWriteOutcomeUnknownException}.
         */
        public Builder repeatable(boolean repeatable) {
            this.repeatable = repeatable;
            return this;
        }

        public Builder budget(Budget budget) {
            this.budget = budget;
            return this;
        }

        /**
         * A probe, as a health check sends: one attempt within {@code timeout}, no retry, sent at once whatever the
         * rate limiter would ask (a probe must answer within a probe's time).
         */
        public Builder probe(Duration timeout) {
            this.probeTimeout = timeout;
            return this;
        }

        public ZendeskRequest build() {
            return new ZendeskRequest(this);
        }
    }
}
