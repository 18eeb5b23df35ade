package io.camelzendesk.emulator;

import io.camelzendesk.emulator.internal.Core;
import io.camelzendesk.emulator.internal.HttpFront;
import io.camelzendesk.emulator.internal.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A local, stateful Zendesk: Support, Help Center, incremental exports, webhooks and triggers, over HTTP.
 * <pre>{@code
 * try (ZendeskEmulator zd = ZendeskEmulator.builder().seed(1000).build()) {
 *     String base = zd.start();   // http://127.0.0.1:PORT
 *     // Basic admin@example.com/token:emulator-token, or Bearer emulator-oauth-token
 * }
 * }</pre>
 */
public final class ZendeskEmulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ZendeskEmulator.class.getName());

    /** The built-in admin user's email (API token user: {@code admin@example.com/token}). */
    public static final String ADMIN_EMAIL = "admin@example.com";
    /** The API token accepted with {@link #ADMIN_EMAIL}. */
    public static final String API_TOKEN = "emulator-token";
    /** A static Bearer token that always works. */
    public static final String OAUTH_TOKEN = "emulator-oauth-token";
    /** The confidential OAuth client (authorization_code, refresh_token, client_credentials). */
    public static final String OAUTH_CLIENT_ID = "emulator-client";
    /** Its secret. */
    public static final String OAUTH_CLIENT_SECRET = "emulator-secret";
    /** The public OAuth client: no secret, PKCE (S256) required (authorization_code, refresh_token). */
    public static final String OAUTH_PUBLIC_CLIENT_ID = "emulator-public-client";

    private final Core core;
    private final HttpFront front;
    private final String host;
    private final int requestedPort;
    private final EmulatorAdmin admin;
    private volatile int port = -1;
    private volatile boolean closed;

    private ZendeskEmulator(Builder b) {
        Settings s = new Settings();
        s.requestsPerMinute = b.requestsPerMinute;
        s.incrementalRequestsPerMinute = b.incrementalRequestsPerMinute;
        s.endpointLimits = b.endpointLimits;
        s.recentExclusion = b.recentExclusion;
        s.oauthTokenLifetime = b.oauthTokenLifetime;
        s.refreshTokenLifetime = b.refreshTokenLifetime;
        s.apiTokensEnabled = b.apiTokensEnabled;
        s.oauthConsent = b.oauthConsent;
        s.alwaysSendExpiresIn = b.alwaysSendExpiresIn;
        s.webhookRetryBackoff = b.webhookRetryBackoff;
        s.webhookMaxAttempts = b.webhookMaxAttempts;
        s.webhookTimeout = b.webhookTimeout;
        s.jobStepDelay = b.jobStepDelay;
        s.seed = b.seed;
        this.core = new Core(b.clock, s, b.subdomain);
        this.front = new HttpFront(core);
        this.host = b.host;
        this.requestedPort = b.port;
        this.admin = new EmulatorAdmin(core);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server (seeding first); returns the base URL, e.g. {@code http://127.0.0.1:8089}. Idempotent. */
    public synchronized String start() {
        if (closed) {
            throw new IllegalStateException("closed: an emulator cannot be restarted, build a new one");
        }
        if (port >= 0) {
            return baseUrl();
        }
        long t0 = System.nanoTime();
        try {
            port = front.start(host, requestedPort);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind " + host + ":" + requestedPort, e);
        }
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        core.baseUrl = "http://" + h + ":" + port;
        core.reset();
        LOG.log(Level.DEBUG, "Zendesk emulator started on {0} in {1} ms", core.baseUrl, (System.nanoTime() - t0) / 1_000_000);
        return core.baseUrl;
    }

    /** The base URL (no trailing slash); {@link #start()} must have been called. */
    public String baseUrl() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return core.baseUrl;
    }

    /** The bound port, or -1 before start. */
    public int port() {
        return port;
    }

    /** The subdomain this emulator pretends to be (informational). */
    public String subdomain() {
        return core.subdomain;
    }

    public EmulatorAdmin admin() {
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        front.stop();
        core.close();
        port = -1;
    }

    /** Configuration of an emulator. */
    public static final class Builder {
        private int port;
        private String host = "127.0.0.1";
        private int seed;
        private int requestsPerMinute = 700;
        private int incrementalRequestsPerMinute = 10;
        private boolean endpointLimits;
        private Duration recentExclusion = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private String subdomain = "emulator";
        private Duration oauthTokenLifetime = Duration.ofMinutes(30);
        private Duration refreshTokenLifetime = Duration.ofDays(30);
        private boolean apiTokensEnabled = true;
        private Consent oauthConsent = Consent.AUTO_APPROVE;
        private boolean alwaysSendExpiresIn;
        private Duration webhookRetryBackoff = Duration.ofMillis(200);
        private int webhookMaxAttempts = 4;
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private Duration jobStepDelay = Duration.ofMillis(50);

        private Builder() {
        }

        /** Port to bind; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Interface to bind (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Deterministic realistic data with about this many tickets (0 = only the account basics). */
        public Builder seed(int recordsOrZero) {
            this.seed = Math.max(0, recordsOrZero);
            return this;
        }

        /** General API budget per minute (default 700, Enterprise); 0 = unlimited. */
        public Builder requestsPerMinute(int rpm) {
            this.requestsPerMinute = rpm;
            return this;
        }

        /**
         * Zendesk's endpoint limits on top of the budget (default off): ticket updates 100/min and 30 per ticket per
         * 10 min, user updates 5/min per user, organization updates 5/min each, ticket fields 75/min.
         */
        public Builder endpointLimits(boolean on) {
            this.endpointLimits = on;
            return this;
        }

        /** Incremental export budget per minute (default 10); 0 = unlimited. */
        public Builder incrementalRequestsPerMinute(int rpm) {
            this.incrementalRequestsPerMinute = rpm;
            return this;
        }

        /** Exports leave out items changed more recently than this (default 60 s); also the too-recent start_time limit. */
        public Builder recentExclusion(Duration d) {
            this.recentExclusion = Objects.requireNonNull(d);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder subdomain(String subdomain) {
            this.subdomain = Objects.requireNonNull(subdomain);
            return this;
        }

        /** Lifetime of access tokens issued by POST /oauth/tokens without {@code expires_in} (default 30 min). */
        public Builder oauthTokenLifetime(Duration d) {
            this.oauthTokenLifetime = Objects.requireNonNull(d);
            return this;
        }

        /** Lifetime of refresh tokens issued without {@code refresh_token_expires_in} (default 30 days). */
        public Builder refreshTokenLifetime(Duration d) {
            this.refreshTokenLifetime = Objects.requireNonNull(d);
            return this;
        }

        /** Whether API tokens (Basic {@code email/token}) authenticate (default true; false: an account after 2027-04-30). */
        public Builder apiTokensEnabled(boolean enabled) {
            this.apiTokensEnabled = enabled;
            return this;
        }

        /** What the user answers on the authorization page (default {@link Consent#AUTO_APPROVE}). */
        public Builder oauthConsent(Consent consent) {
            this.oauthConsent = Objects.requireNonNull(consent);
            return this;
        }

        /**
         * Whether the authorization_code and refresh_token grants answer {@code expires_in} even when the request
         * did not ask for a lifetime (default false, like Zendesk; client_credentials always answers it).
         */
        public Builder alwaysSendExpiresIn(boolean always) {
            this.alwaysSendExpiresIn = always;
            return this;
        }

        /** First retry delay of a failed webhook delivery, doubled per retry (default 200 ms). */
        public Builder webhookRetryBackoff(Duration d) {
            this.webhookRetryBackoff = Objects.requireNonNull(d);
            return this;
        }

        /** Attempts per webhook invocation, first try included (default 4). */
        public Builder webhookMaxAttempts(int n) {
            this.webhookMaxAttempts = Math.max(1, n);
            return this;
        }

        /** Timeout of one webhook delivery (default 10 s; Zendesk's is about 10-12 s). */
        public Builder webhookTimeout(Duration d) {
            this.webhookTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Delay of each job step (queued -> working -> completed), default 50 ms. */
        public Builder jobStepDelay(Duration d) {
            this.jobStepDelay = Objects.requireNonNull(d);
            return this;
        }

        public ZendeskEmulator build() {
            return new ZendeskEmulator(this);
        }
    }
}
