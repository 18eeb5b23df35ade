package io.camelzendesk.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * How requests authenticate: one of API token (Basic), a static OAuth bearer token, OAuth client credentials, an
 * {@link AccessTokenSource} (stored, rotating refresh tokens) or a {@link ZendeskTokenProvider}. {@link #toString()} never shows a secret.
 */
public abstract class ZendeskAuth {

    /** {@code Authorization} header value for the next request. */
    abstract CompletableFuture<String> authorization(ZendeskClient client, Executor executor);

    /**
     * The server refused {@code authorization} with a 401. Returns true when new credentials may be obtained, so
     * that the request is worth sending once more.
     */
    boolean invalidate(String authorization) {
        return false;
    }

    /**
     * The kind of credentials, as an error message names them: {@code API token (email/token)},
     * {@code OAuth access token}, {@code OAuth client credentials} or {@code token provider}. Never a value.
     */
    public abstract String kind();

    /** API token: {@code Authorization: Basic base64({email}/token:{token})}. */
    public static ZendeskAuth apiToken(String email, String apiToken) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(apiToken, "apiToken");
        String value = "Basic " + Base64.getEncoder()
                .encodeToString((email + "/token:" + apiToken).getBytes(StandardCharsets.UTF_8));
        return new Fixed(value, "apiToken", "API token (email/token)");
    }

    /** A static OAuth access token: {@code Authorization: Bearer {token}}. */
    public static ZendeskAuth bearer(String oauthToken) {
        Objects.requireNonNull(oauthToken, "oauthToken");
        return new Fixed("Bearer " + oauthToken, "oauthToken", "OAuth access token");
    }

    /**
     * OAuth {@code client_credentials} grant on {@code POST /oauth/tokens}, asking for tokens that live
     * {@code lifetime} (null: Zendesk's default); the token is cached and renewed before it expires.
     */
    public static ZendeskAuth clientCredentials(String clientId, String clientSecret, String scope,
            Duration lifetime) {
        return new ClientCredentials(Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(clientSecret, "clientSecret"), scope, lifetime);
    }

    /** Access tokens from a source that obtains them itself on Zendesk's token endpoint (rotating refresh tokens). */
    public static ZendeskAuth accessTokens(AccessTokenSource source) {
        return new FromSource(Objects.requireNonNull(source, "source"));
    }

    /** No credentials: a client that only calls the token endpoint ({@link OAuthTokenEndpoint}). */
    public static ZendeskAuth none() {
        return new Fixed(null, "none", "no credentials");
    }

    /** Tokens from a provider (authorization-code apps, rotating refresh tokens). */
    public static ZendeskAuth tokenProvider(ZendeskTokenProvider provider) {
        return new Provided(Objects.requireNonNull(provider, "tokenProvider"));
    }

    private static final class Fixed extends ZendeskAuth {
        private final String value;
        private final String description;
        private final String kind;
        private final CompletableFuture<String> done;

        Fixed(String value, String description, String kind) {
            this.value = value;
            this.description = description;
            this.kind = kind;
            this.done = CompletableFuture.completedFuture(value);
        }

        @Override
        CompletableFuture<String> authorization(ZendeskClient client, Executor executor) {
            return done;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static final class ClientCredentials extends ZendeskAuth {
        private final String clientId;
        private final String clientSecret;
        private final String scope;
        private final Duration lifetime;
        private final OAuthTokenCache cache = new OAuthTokenCache();

        ClientCredentials(String clientId, String clientSecret, String scope, Duration lifetime) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.scope = scope;
            this.lifetime = lifetime;
        }

        @Override
        CompletableFuture<String> authorization(ZendeskClient client, Executor executor) {
            return cache.token(() -> new OAuthTokenEndpoint(client).clientCredentials(clientId, clientSecret, scope,
                    lifetime)).thenApply(token -> "Bearer " + token);
        }

        @Override
        boolean invalidate(String authorization) {
            cache.invalidate(authorization.substring("Bearer ".length()));
            return true;
        }

        @Override
        public String kind() {
            return "OAuth client credentials";
        }

        @Override
        public String toString() {
            return "clientCredentials";
        }
    }

    /** Credentials from an {@link AccessTokenSource}. */
    public static final class FromSource extends ZendeskAuth {
        private final AccessTokenSource source;
        private volatile OAuthTokenEndpoint endpoint;

        FromSource(AccessTokenSource source) {
            this.source = source;
        }

        public AccessTokenSource source() {
            return source;
        }

        @Override
        CompletableFuture<String> authorization(ZendeskClient client, Executor executor) {
            OAuthTokenEndpoint e = endpoint;
            if (e == null) {
                e = new OAuthTokenEndpoint(client);
                endpoint = e;
            }
            return source.accessToken(e).thenApply(token -> "Bearer " + token);
        }

        @Override
        boolean invalidate(String authorization) {
            return source.refused(authorization.substring("Bearer ".length()));
        }

        @Override
        public String kind() {
            return source.kind();
        }

        @Override
        public String toString() {
            return source.toString();
        }
    }

    private static final class Provided extends ZendeskAuth {
        private final ZendeskTokenProvider provider;

        Provided(ZendeskTokenProvider provider) {
            this.provider = provider;
        }

        @Override
        CompletableFuture<String> authorization(ZendeskClient client, Executor executor) {
            return CompletableFuture.supplyAsync(() -> "Bearer " + provider.accessToken(), executor);
        }

        @Override
        boolean invalidate(String authorization) {
            provider.invalidate(authorization.substring("Bearer ".length()));
            return true;
        }

        @Override
        public String kind() {
            return "token provider";
        }

        @Override
        public String toString() {
            return "tokenProvider(" + provider.getClass().getSimpleName() + ")";
        }
    }
}
