package io.camelzendesk.client;

import java.util.concurrent.CompletableFuture;

/**
 * OAuth access tokens that the source obtains itself on Zendesk's token endpoint, asynchronously: the client asks
 * before each request and never blocks a thread on it. The authorization-code grant with rotating refresh tokens
 * is one ({@code io.camelzendesk.component.oauth.StoredGrantTokens}).
 */
public interface AccessTokenSource {

    /** A currently valid access token; {@code tokens} is the account's token endpoint, for refreshing. */
    CompletableFuture<String> accessToken(OAuthTokenEndpoint tokens);

    /**
     * Zendesk answered 401 to a request carrying this token. Returns true when a new token may be had, so that the
     * request is worth sending once more.
     */
    boolean refused(String accessToken);

    /** The kind of credentials, as an error message names them; never a value. */
    String kind();
}
