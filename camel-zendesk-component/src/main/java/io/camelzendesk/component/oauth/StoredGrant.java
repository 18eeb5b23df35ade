package io.camelzendesk.component.oauth;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.camelzendesk.client.OAuthTokens;

/**
 * One account's OAuth grant as the token store keeps it (as JSON, encrypted when a key is set): where the account is,
 * its current access and refresh tokens with their expiry instants (epoch milliseconds, 0 when unknown), a
 * generation that grows with every refresh, the claim of the node refreshing it now, and whether it still works.
 * {@link #toString()} shows no token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredGrant(String account, String baseUrl, String clientId, String scope, String accessToken,
                          long accessTokenIssuedAt, long accessTokenExpiresAt, String refreshToken,
                          long refreshTokenExpiresAt, long generation, String claimBy, long claimUntil,
                          String status, String reason, long updatedAt) {

    public static final String CONNECTED = "connected";
    public static final String RECONNECT = "reconnect";

    /** A grant just obtained from an authorization code. */
    public static StoredGrant connected(String account, String baseUrl, String clientId, OAuthTokens tokens,
            String requestedScope, long now) {
        return new StoredGrant(account, baseUrl, clientId, tokens.scope() != null ? tokens.scope() : requestedScope,
                tokens.accessToken(), now, expiry(now, tokens.expiresIn()), tokens.refreshToken(),
                expiry(now, tokens.refreshTokenExpiresIn()), 1, null, 0, CONNECTED, null, now);
    }

    /** The grant after a successful refresh: new tokens, the next generation, no claim. */
    StoredGrant refreshed(OAuthTokens tokens, long now) {
        return new StoredGrant(account, baseUrl, clientId, tokens.scope() != null ? tokens.scope() : scope,
                tokens.accessToken(), now, expiry(now, tokens.expiresIn()),
                tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken,
                tokens.refreshToken() != null ? expiry(now, tokens.refreshTokenExpiresIn()) : refreshTokenExpiresAt,
                generation + 1, null, 0, CONNECTED, null, now);
    }

    StoredGrant withGeneration(long g) {
        return new StoredGrant(account, baseUrl, clientId, scope, accessToken, accessTokenIssuedAt,
                accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, g, claimBy, claimUntil, status, reason,
                updatedAt);
    }

    /** Claimed by {@code node} for a refresh until {@code until}. */
    StoredGrant claimed(String node, long until) {
        return new StoredGrant(account, baseUrl, clientId, scope, accessToken, accessTokenIssuedAt,
                accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, generation, node, until, status, reason,
                updatedAt);
    }

    /** The grant no longer works: the tokens are dropped, the reason kept. */
    StoredGrant unusable(String why, long now) {
        return new StoredGrant(account, baseUrl, clientId, scope, null, 0, 0, null, 0, generation + 1, null, 0,
                RECONNECT, why, now);
    }

    boolean usable() {
        return CONNECTED.equals(status) && refreshToken != null;
    }

    boolean claimedByOtherThan(String node, long now) {
        return claimBy != null && !claimBy.equals(node) && claimUntil > now;
    }

    /**
     * Whether the access token is good until at least {@code now}, leaving the margin in which it is renewed: a tenth
     * of its life, and at least a minute when it lives long enough (half its life otherwise).
     */
    boolean accessTokenFresh(long now) {
        if (accessToken == null) {
            return false;
        }
        if (accessTokenExpiresAt == 0) {
            return true;
        }
        return now < renewAt();
    }

    /** When the access token should be renewed (epoch milliseconds); {@link Long#MAX_VALUE} when its expiry is unknown. */
    long renewAt() {
        if (accessTokenExpiresAt == 0) {
            return Long.MAX_VALUE;
        }
        long life = Math.max(0, accessTokenExpiresAt - accessTokenIssuedAt);
        long margin = Math.max(life / 10, Math.min(Duration.ofMinutes(1).toMillis(), life / 2));
        return accessTokenExpiresAt - margin;
    }

    private static long expiry(long now, Duration in) {
        return in == null ? 0 : now + in.toMillis();
    }

    @Override
    public String toString() {
        return "StoredGrant[account=" + account + ", baseUrl=" + baseUrl + ", generation=" + generation + ", status="
               + status + (reason != null ? ", reason=" + reason : "") + "]";
    }
}
