package io.camelzendesk.component.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.client.OAuthTokenEndpoint;
import io.camelzendesk.client.OAuthTokens;
import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskAuth;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskClientConfig;
import io.camelzendesk.client.ZendeskException;

/**
 * Connects a Zendesk account once with OAuth's authorization-code grant and PKCE (RFC 7636, S256), for the
 * {@code zendesk:connect} route and the {@link ConnectCommand} alike:
 * <ol>
 * <li>{@link #start} keeps a pending authorization (a random {@code state}, a PKCE verifier) in memory for
 * {@link #PENDING_LIFETIME}, and answers the URL of Zendesk's authorization page to send the user to;</li>
 * <li>{@link #complete} takes the query of the redirect back: the {@code state} must be one pending here (it is used
 * up whatever follows); a denial stores nothing; a code is exchanged on the account's {@code POST /oauth/tokens} and
 * the grant saved in the {@link TokenStore} under {@code oauth/<account>}.</li>
 * </ol>
 * No token, code, verifier, state or secret is ever logged or part of a {@link Result}.
 */
public final class AuthorizationCodeFlow {

    /** How long a started authorization waits for its callback. */
    public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    /** At most this many authorizations wait at once (a flood of starts cannot fill the memory). */
    static final int MAX_PENDING = 10_000;
    private static final long PURGE_EVERY_MILLIS = 60_000;
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodeFlow.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a callback ended. */
    public enum Outcome {
        /** The tokens are stored: the account is connected. */
        CONNECTED,
        /** The user (or Zendesk) declined: nothing stored. */
        DENIED,
        /** Not a callback of an authorization pending here, or Zendesk refused the code: nothing stored. */
        REFUSED
    }

    /**
     * The result of a callback: the account and its base URL when the state was known, the scope granted when
     * connected, and why otherwise (an OAuth error code and its description; never a secret).
     */
    public record Result(Outcome outcome, String account, String baseUrl, String scope, String reason) {

        public boolean connected() {
            return outcome == Outcome.CONNECTED;
        }
    }

    private record Pending(String account, String baseUrl, String redirectUri, String scope, String verifier,
                           long expiresAt) {
    }

    private final TokenStore store;
    private final String clientId;
    private final String clientSecret;
    private final Duration accessTokenLifetime;
    private final Duration refreshTokenLifetime;
    private final LongSupplier clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile long lastPurge;

    /**
     * @param clientSecret the OAuth client's secret; null for a public client (PKCE alone)
     */
    public AuthorizationCodeFlow(TokenStore store, String clientId, String clientSecret, Duration accessTokenLifetime,
                                 Duration refreshTokenLifetime) {
        this(store, clientId, clientSecret, accessTokenLifetime, refreshTokenLifetime, System::currentTimeMillis);
    }

    AuthorizationCodeFlow(TokenStore store, String clientId, String clientSecret, Duration accessTokenLifetime,
                          Duration refreshTokenLifetime, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("The connect flow needs the OAuth client's id: set option clientId");
        }
        this.clientId = clientId;
        this.clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        this.accessTokenLifetime = accessTokenLifetime;
        this.refreshTokenLifetime = refreshTokenLifetime;
        this.clock = clock;
    }

    /** Whether {@code name} can name an account (letters, digits, '.', '_', '-', at most 63). */
    public static boolean isAccountName(String name) {
        return name != null && ACCOUNT.matcher(name).matches();
    }

    /**
     * Starts connecting {@code account}, on Zendesk at {@code baseUrl}.
     *
     * @return the URL of Zendesk's authorization page, to open in the user's browser
     * @throws IllegalArgumentException when the account name is malformed
     * @throws IllegalStateException    when too many authorizations are pending
     */
    public String start(String account, String baseUrl, String redirectUri, String scope) {
        if (!isAccountName(account)) {
            throw new IllegalArgumentException("The account name must be letters, digits, '.', '_' or '-' (at most"
                                               + " 63)");
        }
        long now = clock.getAsLong();
        if (pending.size() >= MAX_PENDING || now - lastPurge >= PURGE_EVERY_MILLIS) {
            lastPurge = now;
            pending.values().removeIf(p -> p.expiresAt() <= now);
        }
        if (pending.size() >= MAX_PENDING) {
            throw new IllegalStateException("Too many authorizations are waiting for their callback: try again later");
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String state = random();
        String verifier = random();
        pending.put(state, new Pending(account, base, redirectUri, scope, verifier,
                now + PENDING_LIFETIME.toMillis()));
        LOG.debug("Zendesk account {}: authorization started on {}", account, base);
        return base + "/oauth/authorizations/new?response_type=code&client_id=" + encode(clientId)
               + "&redirect_uri=" + encode(redirectUri) + "&scope=" + encode(scope) + "&state=" + encode(state)
               + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
    }

    /**
     * Completes an authorization with the query parameters of the redirect back ({@code code} and {@code state}, or
     * {@code error}, {@code error_description} and {@code state}). The state is used up: a second callback with it
     * is refused.
     */
    public Result complete(Map<String, String> query) {
        String state = query.get("state");
        Pending p = state == null ? null : pending.remove(state);
        if (p == null || p.expiresAt() <= clock.getAsLong()) {
            LOG.warn("Zendesk connect callback refused: its state is unknown, already used or expired");
            return new Result(Outcome.REFUSED, null, null, null,
                    "This authorization is unknown, was already completed, or has expired: start again.");
        }
        String error = query.get("error");
        if (error != null) {
            String why = printable(error + (query.get("error_description") != null
                    ? ": " + query.get("error_description") : ""));
            LOG.warn("Zendesk account {}: authorization not given ({})", p.account(), why);
            return new Result(Outcome.DENIED, p.account(), p.baseUrl(), null, why);
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            LOG.warn("Zendesk account {}: the callback carries neither a code nor an error", p.account());
            return new Result(Outcome.REFUSED, p.account(), p.baseUrl(), null, "The callback carries no code.");
        }
        OAuthTokens tokens;
        try {
            tokens = exchange(p, code);
        } catch (ZendeskApiException e) {
            String why = e.getError() != null
                    ? printable(e.getError() + (e.getDescription() != null ? ": " + e.getDescription() : ""))
                    : "HTTP " + e.getStatus();
            LOG.warn("Zendesk account {}: the authorization code was refused ({})", p.account(), why);
            return new Result(Outcome.REFUSED, p.account(), p.baseUrl(), null, "Zendesk refused the code: " + why);
        } catch (RuntimeException e) {
            LOG.warn("Zendesk account {}: the code could not be exchanged ({})", p.account(), e.getClass().getName());
            return new Result(Outcome.REFUSED, p.account(), p.baseUrl(), null,
                    "Zendesk's token endpoint could not be reached: start again.");
        }
        store.save(StoredGrant.connected(p.account(), p.baseUrl(), clientId, tokens, p.scope(), clock.getAsLong()));
        StoredGrant saved = store.read(p.account()).grant();
        String scope = saved != null ? saved.scope() : p.scope();
        LOG.info("Zendesk account {} connected ({}, scope {})", p.account(), p.baseUrl(), scope);
        return new Result(Outcome.CONNECTED, p.account(), p.baseUrl(), scope, null);
    }

    private OAuthTokens exchange(Pending p, String code) {
        try (ZendeskClient client = new ZendeskClient(ZendeskClientConfig.builder(p.baseUrl(), ZendeskAuth.none())
                .requestTimeout(Duration.ofSeconds(30)).build())) {
            return new OAuthTokenEndpoint(client)
                    .authorizationCode(clientId, clientSecret, code, p.redirectUri(), p.verifier(), p.scope(),
                            accessTokenLifetime, refreshTokenLifetime)
                    .get(EXCHANGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out");
        } catch (java.util.concurrent.ExecutionException e) {
            ZendeskException z = ZendeskClient.unwrap(e.getCause());
            throw z;
        }
    }

    /**
     * The parameters of a raw (still encoded) query string; the first of a repeated name wins. Null or empty: none.
     */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** An error from the query or from Zendesk as one log line: no control characters, at most 300 characters. */
    private static String printable(String s) {
        String line = s.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** How many authorizations wait for their callback. */
    int pendingCount() {
        return pending.size();
    }

    /** 32 random bytes, base64url without padding: 43 characters, a valid PKCE verifier and a state. */
    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** PKCE S256: base64url(SHA-256(verifier)). */
    static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "AuthorizationCodeFlow[" + (clientSecret != null ? "confidential" : "public") + " client, store="
               + store + "]";
    }
}
