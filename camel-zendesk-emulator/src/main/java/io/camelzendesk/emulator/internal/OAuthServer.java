package io.camelzendesk.emulator.internal;

import io.camelzendesk.emulator.OAuthStats;
import io.camelzendesk.emulator.ZendeskEmulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of the OAuth server: clients, registered redirect URIs, authorization codes, grants with their access
 * and refresh tokens, and counters. Every method holds the one lock: concurrent refreshes with the same refresh
 * token see exactly one winner. Nothing here is logged.
 */
public final class OAuthServer {
    static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, does not match "
            + "the redirection URI used in the authorization request, or was issued to another client.";
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    /** An OAuth client; public (PKCE required) when it has no secret. */
    record Client(String id, String secret) {
        boolean isPublic() {
            return secret == null;
        }
    }

    /** An issued access token; {@code grantId} is null for client_credentials and admin-issued tokens. */
    public record Token(String value, String scope, long expiresAtMillis, String grantId) {
    }

    /** An authorization request waiting for the user's consent (or a code waiting for its exchange). */
    record Authorization(String clientId, String redirectUri, String scope, String state, String challenge, long expiresAtMillis) {
    }

    /** The tokens of a successful code exchange or refresh. */
    record Issued(Token access, String refreshToken, long refreshExpiresAtMillis) {
    }

    private record Refresh(String grantId, String clientId, String scope, String accessToken, long expiresAtMillis) {
    }

    private static final Map<String, Client> CLIENTS = Map.of(
            ZendeskEmulator.OAUTH_CLIENT_ID, new Client(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET),
            ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID, new Client(ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID, null));

    private final Core core;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Set<String>> redirectUris = new HashMap<>();
    private final Map<String, Authorization> pending = new HashMap<>();
    private final Map<String, Authorization> codes = new HashMap<>();
    /** Exchanged codes and the grant each started: a second exchange revokes that grant (RFC 6749 4.1.2). */
    private final Map<String, String> usedCodes = new HashMap<>();
    private final Map<String, Token> access = new HashMap<>();
    private final Set<String> rotatedAccess = new HashSet<>();
    private final Map<String, Refresh> refresh = new HashMap<>();
    private final Map<String, String> refreshOfGrant = new HashMap<>();
    private final Set<String> rotatedRefresh = new HashSet<>();
    private long authorizationCodes;
    private long codeExchanges;
    private long refreshes;
    private long clientCredentials;
    private long invalidGrants;
    private long refreshTokenReuses;
    private long expiredAccessTokenRejections;

    OAuthServer(Core core) {
        this.core = core;
    }

    static Client client(String id) {
        return id == null ? null : CLIENTS.get(id);
    }

    /** Loopback hosts for any client, plus the URIs registered for this one. */
    public synchronized boolean redirectAllowed(String clientId, String uri) {
        if (uri == null || uri.isBlank()) {
            return false;
        }
        if (redirectUris.getOrDefault(clientId, Set.of()).contains(uri)) {
            return true;
        }
        try {
            URI u = new URI(uri);
            String host = u.getHost();
            return u.isAbsolute() && u.getRawFragment() == null && host != null
                    && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && (host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]"));
        } catch (Exception e) {
            return false;
        }
    }

    public synchronized void addRedirectUri(String clientId, String uri) {
        if (client(clientId) == null) {
            throw new IllegalArgumentException("Unknown OAuth client " + clientId);
        }
        try {
            if (!new URI(uri).isAbsolute()) {
                throw new IllegalArgumentException("Not an absolute URI: " + uri);
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Not a URI: " + uri, e);
        }
        redirectUris.computeIfAbsent(clientId, k -> new HashSet<>()).add(uri);
    }

    /** Keeps a validated request until the user answers the consent page; returns its one-time id. */
    synchronized String awaitConsent(Authorization a) {
        String id = randomValue();
        pending.put(id, a);
        return id;
    }

    /** The request behind a consent id (removed), or null when unknown or expired. */
    synchronized Authorization consentAnswered(String id) {
        Authorization a = id == null ? null : pending.remove(id);
        return a == null || core.now() >= a.expiresAtMillis() ? null : a;
    }

    synchronized String newCode(Authorization a) {
        String code = randomValue();
        codes.put(code, new Authorization(a.clientId(), a.redirectUri(), a.scope(), null, a.challenge(),
                core.now() + CODE_LIFETIME.toMillis()));
        authorizationCodes++;
        return code;
    }

    /** The authorization_code grant; null (counted) when the grant is invalid. */
    synchronized Issued exchangeCode(Client client, String code, String redirectUri, String verifier, Duration accessLife,
            Duration refreshLife) {
        Authorization a = code == null ? null : codes.remove(code);
        if (a == null) {
            String grant = code == null ? null : usedCodes.get(code);
            if (grant != null) {
                revokeGrant(grant);
            }
            return invalid();
        }
        if (core.now() >= a.expiresAtMillis() || !a.clientId().equals(client.id()) || !a.redirectUri().equals(redirectUri)
                || !verifierMatches(a.challenge(), verifier)) {
            return invalid();
        }
        String grantId = randomValue();
        usedCodes.put(code, grantId);
        codeExchanges++;
        return issueGrantTokens(grantId, client.id(), a.scope(), accessLife, refreshLife);
    }

    /** The refresh_token grant with rotation; null (counted) when the grant is invalid. */
    synchronized Issued refresh(Client client, String value, Duration accessLife, Duration refreshLife) {
        Refresh r = value == null ? null : refresh.get(value);
        if (r == null) {
            if (value != null && rotatedRefresh.contains(value)) {
                refreshTokenReuses++;
            }
            return invalid();
        }
        if (!r.clientId().equals(client.id()) || core.now() >= r.expiresAtMillis()) {
            return invalid();
        }
        refresh.remove(value);
        rotatedRefresh.add(value);
        Token old = access.remove(r.accessToken());
        if (old != null) {
            rotatedAccess.add(old.value());
        }
        refreshes++;
        return issueGrantTokens(r.grantId(), r.clientId(), r.scope(), accessLife, refreshLife);
    }

    synchronized Token clientCredentials(String scope, Duration lifetime) {
        clientCredentials++;
        return issue(scope, lifetime);
    }

    /** An access token without a grant (client_credentials, admin). */
    public synchronized Token issue(String scope, Duration lifetime) {
        Token t = new Token(randomValue(), scope, core.now() + lifetime.toMillis(), null);
        access.put(t.value(), t);
        return t;
    }

    /**
     * The live access token with this value, or null. With {@code count}, a token that expired or was rotated away
     * is counted as an expired-token rejection.
     */
    public synchronized Token bearer(String value, boolean count) {
        Token t = access.get(value);
        if (t != null && core.now() < t.expiresAtMillis()) {
            return t;
        }
        if (count && (t != null || rotatedAccess.contains(value))) {
            expiredAccessTokenRejections++;
        }
        return null;
    }

    /** Revokes a live access token and its grant's refresh token; false when it is not an issued token. */
    synchronized boolean revoke(String value) {
        Token t = access.remove(value);
        if (t == null) {
            return false;
        }
        if (t.grantId() != null) {
            revokeGrant(t.grantId());
        }
        return true;
    }

    /** Every issued access token and every refresh token (the static token stays valid). */
    public synchronized void revokeAll() {
        access.clear();
        refresh.clear();
        refreshOfGrant.clear();
    }

    public synchronized OAuthStats stats() {
        return new OAuthStats(authorizationCodes, codeExchanges, refreshes, clientCredentials, invalidGrants,
                refreshTokenReuses, expiredAccessTokenRejections);
    }

    /** Back to no codes, tokens, registered redirect URIs or counts. */
    synchronized void clear() {
        redirectUris.clear();
        pending.clear();
        codes.clear();
        usedCodes.clear();
        rotatedAccess.clear();
        rotatedRefresh.clear();
        revokeAll();
        authorizationCodes = 0;
        codeExchanges = 0;
        refreshes = 0;
        clientCredentials = 0;
        invalidGrants = 0;
        refreshTokenReuses = 0;
        expiredAccessTokenRejections = 0;
    }

    private Issued issueGrantTokens(String grantId, String clientId, String scope, Duration accessLife, Duration refreshLife) {
        long now = core.now();
        Token t = new Token(randomValue(), scope, now + accessLife.toMillis(), grantId);
        access.put(t.value(), t);
        String rt = randomValue();
        long refreshExpiresAt = now + refreshLife.toMillis();
        refresh.put(rt, new Refresh(grantId, clientId, scope, t.value(), refreshExpiresAt));
        refreshOfGrant.put(grantId, rt);
        return new Issued(t, rt, refreshExpiresAt);
    }

    private void revokeGrant(String grantId) {
        String rt = refreshOfGrant.remove(grantId);
        Refresh r = rt == null ? null : refresh.remove(rt);
        if (r != null) {
            access.remove(r.accessToken());
        }
    }

    private Issued invalid() {
        invalidGrants++;
        return null;
    }

    /** PKCE S256 (RFC 7636): no challenge needs no verifier; a challenge needs the verifier whose hash it is. */
    static boolean verifierMatches(String challenge, String verifier) {
        if (challenge == null) {
            return verifier == null || verifier.isEmpty();
        }
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            return false;
        }
        return MessageDigest.isEqual(challenge.getBytes(StandardCharsets.US_ASCII),
                s256(verifier).getBytes(StandardCharsets.US_ASCII));
    }

    static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomValue() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
