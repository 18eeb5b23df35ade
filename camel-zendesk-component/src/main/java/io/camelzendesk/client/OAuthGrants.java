package io.camelzendesk.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OAuth grants the client sends to Zendesk's {@code POST /oauth/tokens}, unauthenticated and outside the rate
 * limiter; their tokens are cached by {@link OAuthTokenCache} for the credentials of {@link ZendeskAuth}.
 */
final class OAuthGrants {

    private OAuthGrants() {
    }

    /** {@code POST /oauth/tokens} with the client_credentials grant. */
    static CompletableFuture<OAuthTokenCache.Token> clientCredentials(ZendeskClient client, String clientId,
            String clientSecret, String scope) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        byte[] body;
        try {
            body = ZendeskJson.MAPPER.writeValueAsBytes(form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // minting a client_credentials token twice is harmless: the unused one expires
        ZendeskRequest request = ZendeskRequest.post("/oauth/tokens").json(body).repeatable(true).build();
        RequestAttempt<OAuthTokenCache.Token> attempt = new RequestAttempt<>(client, request, in -> {
            JsonNode node = ZendeskJson.MAPPER.readTree(in);
            JsonNode token = node.path("access_token");
            if (!token.isTextual()) {
                throw new IOException("the token response has no access_token");
            }
            JsonNode expires = node.path("expires_in");
            return new OAuthTokenCache.Token(token.asText(),
                    expires.isNumber() ? Duration.ofSeconds(expires.asLong()) : null);
        });
        attempt.withoutAuth = true;
        attempt.next(Duration.ZERO);
        return attempt.result.thenApply(ZendeskResponse::body);
    }
}
