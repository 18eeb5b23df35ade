package io.camelzendesk.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link ZendeskClient} needs. Two configs that are {@link #equals(Object)} can share one client.
 *
 * @param baseUrl                      {@code https://{subdomain}.zendesk.com} or any override (no trailing slash)
 * @param auth                         how requests authenticate
 * @param requestsPerMinute            proactive cap on the general API budget; 0 = only what the server reports
 * @param incrementalRequestsPerMinute the incremental export budget (10, or 30 with High Volume)
 * @param retryPolicy                  retries on 429, 5xx and transport failures
 * @param connectTimeout               TCP connect timeout
 * @param requestTimeout               time to wait for a response's headers
 * @param threads                      threads that complete responses (parsing, callbacks); I/O runs on one selector
 *                                     thread
 */
public record ZendeskClientConfig(URI baseUrl, ZendeskAuth auth, int requestsPerMinute, int incrementalRequestsPerMinute,
        RetryPolicy retryPolicy, Duration connectTimeout, Duration requestTimeout, int threads, Sleeper sleeper) {

    public ZendeskClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(sleeper, "sleeper");
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    public static Builder builder(String baseUrl, ZendeskAuth auth) {
        return new Builder(URI.create(baseUrl), auth);
    }

    /** The account's identity for shared rate limits: scheme, host and port of the base URL. */
    public String account() {
        return baseUrl.getScheme() + "://" + baseUrl.getAuthority();
    }

    public static final class Builder {
        private final URI baseUrl;
        private final ZendeskAuth auth;
        private int requestsPerMinute;
        private int incrementalRequestsPerMinute = 10;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int threads = 4;
        private Sleeper sleeper = Sleeper.SYSTEM;

        Builder(URI baseUrl, ZendeskAuth auth) {
            this.baseUrl = baseUrl;
            this.auth = auth;
        }

        public Builder requestsPerMinute(int v) {
            requestsPerMinute = v;
            return this;
        }

        public Builder incrementalRequestsPerMinute(int v) {
            incrementalRequestsPerMinute = v;
            return this;
        }

        public Builder retryPolicy(RetryPolicy v) {
            retryPolicy = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder sleeper(Sleeper v) {
            sleeper = v;
            return this;
        }

        public ZendeskClientConfig build() {
            return new ZendeskClientConfig(baseUrl, auth, requestsPerMinute, incrementalRequestsPerMinute, retryPolicy,
                    connectTimeout, requestTimeout, threads, sleeper);
        }
    }
}
