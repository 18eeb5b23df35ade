package io.camelzendesk.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Zendesk's token endpoint, {@code POST /oauth/tokens}, with the three grants it takes: client_credentials,
 * authorization_code (with PKCE's {@code code_verifier}) and refresh_token. Sent unauthenticated and outside the rate
 * limiter. Lifetimes are always asked for explicitly ({@code expires_in}, {@code refresh_token_expires_in}): Zendesk
 * may leave {@code expires_in} out of its answer otherwise.
 * <p>
 * Only client_credentials is repeated after a failure: a code or a refresh token is single-use, so sending it again
 * after a lost answer would burn it. Zendesk's refusals ({@code invalid_grant}, {@code invalid_client}) are
 * {@link ZendeskApiException}s whose {@link ZendeskApiException#getError()} is the OAuth error code.
 */
public final class OAuthTokenEndpoint {

    /** The OAuth error of a used, expired, revoked or unknown code or refresh token. */
    public static final String INVALID_GRANT = "invalid_grant";

    private final ZendeskClient client;

    /** @param client the account's client (its base URL, timeouts and connection pool; its credentials unused) */
    public OAuthTokenEndpoint(ZendeskClient client) {
        this.client = client;
    }

    /** The client_credentials grant. */
    public CompletableFuture<OAuthTokens> clientCredentials(String clientId, String clientSecret, String scope,
            Duration expiresIn) {
        Map<String, Object> form = form("client_credentials", clientId, clientSecret);
        putIfSet(form, "scope", scope);
        putSeconds(form, "expires_in", expiresIn);
        // minting a client_credentials token twice is harmless: the unused one expires
        return send(form, true);
    }

    /** The authorization_code grant: the code the redirect brought, for the redirect URI it was sent to. */
    public CompletableFuture<OAuthTokens> authorizationCode(String clientId, String clientSecret, String code,
            String redirectUri, String codeVerifier, String scope, Duration expiresIn, Duration refreshTokenExpiresIn) {
        Map<String, Object> form = form("authorization_code", clientId, clientSecret);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        putIfSet(form, "code_verifier", codeVerifier);
        putIfSet(form, "scope", scope);
        putSeconds(form, "expires_in", expiresIn);
        putSeconds(form, "refresh_token_expires_in", refreshTokenExpiresIn);
        return send(form, false);
    }

    /** The refresh_token grant: answers a new access token and a new refresh token; the one sent is used up. */
    public CompletableFuture<OAuthTokens> refresh(String clientId, String clientSecret, String refreshToken,
            Duration expiresIn, Duration refreshTokenExpiresIn) {
        Map<String, Object> form = form("refresh_token", clientId, clientSecret);
        form.put("refresh_token", refreshToken);
        putSeconds(form, "expires_in", expiresIn);
        putSeconds(form, "refresh_token_expires_in", refreshTokenExpiresIn);
        return send(form, false);
    }

    private static Map<String, Object> form(String grant, String clientId, String clientSecret) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("grant_type", grant);
        form.put("client_id", clientId);
        putIfSet(form, "client_secret", clientSecret);
        return form;
    }

    private static void putIfSet(Map<String, Object> form, String name, String value) {
        if (value != null && !value.isBlank()) {
            form.put(name, value);
        }
    }

    private static void putSeconds(Map<String, Object> form, String name, Duration d) {
        if (d != null) {
            form.put(name, Math.max(1, d.toSeconds()));
        }
    }

    private CompletableFuture<OAuthTokens> send(Map<String, Object> form, boolean repeatable) {
        byte[] body;
        try {
            body = ZendeskJson.MAPPER.writeValueAsBytes(form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ZendeskRequest request = ZendeskRequest.post("/oauth/tokens").json(body).repeatable(repeatable).build();
        RequestAttempt<OAuthTokens> attempt = new RequestAttempt<>(client, request, OAuthTokenEndpoint::read);
        attempt.withoutAuth = true;
        attempt.next(Duration.ZERO);
        return attempt.result.thenApply(ZendeskResponse::body);
    }

    private static OAuthTokens read(java.io.InputStream in) throws IOException {
        JsonNode node = ZendeskJson.MAPPER.readTree(in);
        JsonNode token = node.path("access_token");
        if (!token.isTextual()) {
            throw new IOException("the token response has no access_token");
        }
        return new OAuthTokens(token.asText(), seconds(node.path("expires_in")),
                node.path("refresh_token").isTextual() ? node.get("refresh_token").asText() : null,
                seconds(node.path("refresh_token_expires_in")), node.path("scope").asText(null));
    }

    private static Duration seconds(JsonNode n) {
        return n.isNumber() || (n.isTextual() && n.asText().matches("\\d+")) ? Duration.ofSeconds(n.asLong()) : null;
    }
}
