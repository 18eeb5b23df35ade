package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Rotating refresh tokens, lifetimes, client_credentials, revocation and the API-tokens switch. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0)
class OAuthRefreshTest {

    @Test
    void refreshRotatesBothTokensAndTheOldOnesStopWorking(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        JsonNode first = f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID)));
        JsonNode second = f.ok(f.refresh(first.get("refresh_token").asText()));
        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        assertThat(second.get("refresh_token").asText()).isNotEqualTo(first.get("refresh_token").asText());
        assertThat(second.get("scope").asText()).isEqualTo("read write");
        assertThat(second.has("expires_in")).isFalse();

        Api.Res reused = f.refresh(first.get("refresh_token").asText());
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.me(first.get("access_token").asText())).isEqualTo(401);
        assertThat(f.me(second.get("access_token").asText())).isEqualTo(200);

        Api.Res wrongClient = f.refresh(second.get("refresh_token").asText(), "client_secret", "nope");
        assertThat(wrongClient.status()).isEqualTo(401);
        assertThat(wrongClient.json().get("error").asText()).isEqualTo("invalid_client");
        Api.Res otherClient = f.refresh(second.get("refresh_token").asText(), "client_id", ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID);
        assertThat(otherClient.body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.refresh("unknown").body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(admin.oauthStats()).isEqualTo(new OAuthStats(1, 1, 1, 0, 3, 1, 1));
    }

    @Test
    void requestedLifetimesAreAnsweredAndEnforced(@EmulatorBaseUrl String base, EmulatorAdmin admin) throws Exception {
        OAuthFlow f = new OAuthFlow(base);
        JsonNode t = f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID), "expires_in", "1", "refresh_token_expires_in", "2"));
        assertThat(t.get("expires_in").asLong()).isEqualTo(1);
        assertThat(t.get("refresh_token_expires_in").asLong()).isEqualTo(2);
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(200);
        Thread.sleep(1100);
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(401);
        assertThat(admin.oauthStats().expiredAccessTokenRejections()).isEqualTo(1);
        JsonNode r = f.ok(f.refresh(t.get("refresh_token").asText(), "expires_in", "60", "refresh_token_expires_in", "1"));
        assertThat(r.get("expires_in").asLong()).isEqualTo(60);
        Thread.sleep(1100);
        assertThat(f.refresh(r.get("refresh_token").asText()).body()).as("refresh token expired").isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID), "expires_in", "0").json().get("error").asText())
                .isEqualTo("invalid_request");
        assertThat(admin.oauthStats().refreshTokenReuses()).isZero();
    }

    @Test
    void defaultLifetimesAndAlwaysSendExpiresIn(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        Api.Res cc = f.token(Map.of("grant_type", "client_credentials", "client_id", ZendeskEmulator.OAUTH_CLIENT_ID,
                "client_secret", ZendeskEmulator.OAUTH_CLIENT_SECRET));
        assertThat(f.ok(cc).get("expires_in").asLong()).as("30 min, always sent for client_credentials").isEqualTo(1800);
        assertThat(f.ok(cc).has("refresh_token")).isFalse();
        admin.setAlwaysSendExpiresIn(true);
        admin.setOAuthTokenLifetime(java.time.Duration.ofMinutes(5));
        admin.setRefreshTokenLifetime(java.time.Duration.ofDays(2));
        JsonNode t = f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID)));
        assertThat(t.get("expires_in").asLong()).isEqualTo(300);
        assertThat(t.get("refresh_token_expires_in").asLong()).isEqualTo(2 * 24 * 3600);
        Api.Res publicCc = f.token(Map.of("grant_type", "client_credentials", "client_id", ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID));
        assertThat(publicCc.status()).isEqualTo(400);
        assertThat(publicCc.json().get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void clientCredentialsWithExpiresIn(@EmulatorBaseUrl String base, EmulatorAdmin admin) throws Exception {
        OAuthFlow f = new OAuthFlow(base);
        JsonNode t = f.ok(f.token(Map.of("grant_type", "client_credentials", "client_id", ZendeskEmulator.OAUTH_CLIENT_ID,
                "client_secret", ZendeskEmulator.OAUTH_CLIENT_SECRET, "scope", "read", "expires_in", 1)));
        assertThat(t.get("expires_in").asLong()).isEqualTo(1);
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(200);
        Thread.sleep(1100);
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(401);
        assertThat(admin.oauthStats()).isEqualTo(new OAuthStats(0, 0, 0, 1, 0, 0, 1));
    }

    @Test
    void revokingTheCurrentTokenAndAllGrants(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        JsonNode t = f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID)));
        Api bearer = new Api(base);
        bearer.authorization = "Bearer " + t.get("access_token").asText();
        assertThat(bearer.delete("/api/v2/oauth/tokens/current.json").status()).isEqualTo(204);
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(401);
        assertThat(f.refresh(t.get("refresh_token").asText()).body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(admin.oauthStats().expiredAccessTokenRejections()).as("revoked, not expired").isZero();
        bearer.authorization = "Bearer " + ZendeskEmulator.OAUTH_TOKEN;
        assertThat(bearer.delete("/api/v2/oauth/tokens/current").status()).as("the static token is not revocable").isEqualTo(404);

        JsonNode code = f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID)));
        JsonNode cc = f.ok(f.token(Map.of("grant_type", "client_credentials", "client_id", ZendeskEmulator.OAUTH_CLIENT_ID,
                "client_secret", ZendeskEmulator.OAUTH_CLIENT_SECRET)));
        admin.revokeOAuthGrants();
        assertThat(f.me(code.get("access_token").asText())).isEqualTo(401);
        assertThat(f.me(cc.get("access_token").asText())).isEqualTo(401);
        assertThat(f.refresh(code.get("refresh_token").asText()).body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.me(ZendeskEmulator.OAUTH_TOKEN)).isEqualTo(200);

        JsonNode again = f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID)));
        assertThat(new Api(base).post("/__admin/oauth/revoke", "{}").status()).isEqualTo(204);
        assertThat(f.me(again.get("access_token").asText())).isEqualTo(401);
    }

    @Test
    void apiTokensOffStillAllowsOAuth(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api basic = new Api(base);
        assertThat(basic.get("/api/v2/users/me.json").status()).isEqualTo(200);
        admin.setApiTokensEnabled(false);
        Api.Res refused = basic.get("/api/v2/users/me.json");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("Couldn't authenticate you");
        OAuthFlow f = new OAuthFlow(base);
        assertThat(f.me(f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID))).get("access_token").asText())).isEqualTo(200);
        assertThat(basic.put("/__admin/settings", "{\"api_tokens_enabled\":true}").json().get("api_tokens_enabled").asBoolean()).isTrue();
        assertThat(basic.get("/api/v2/users/me.json").status()).isEqualTo(200);
    }

    @Test
    void concurrentRefreshesWithTheSameTokenHaveExactlyOneWinner(@EmulatorBaseUrl String base, EmulatorAdmin admin) throws Exception {
        OAuthFlow f = new OAuthFlow(base);
        String refreshToken = f.ok(f.exchange(f.code(ZendeskEmulator.OAUTH_CLIENT_ID))).get("refresh_token").asText();
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Res>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return f.refresh(refreshToken);
                }));
            }
            go.countDown();
            int ok = 0;
            for (Future<Api.Res> a : answers) {
                Api.Res r = a.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertThat(r.body()).isEqualTo(OAuthFlow.INVALID_GRANT);
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.oauthStats().refreshes()).isEqualTo(1);
        assertThat(admin.oauthStats().refreshTokenReuses()).isEqualTo(n - 1);
    }

    @Test
    void adminHttpStatsRedirectUrisAndResetClearOAuthState(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api a = new Api(base);
        assertThat(a.post("/__admin/oauth/redirect-uris", "{\"client_id\":\"" + ZendeskEmulator.OAUTH_CLIENT_ID
                + "\",\"uri\":\"https://app.example.com/cb\"}").status()).isEqualTo(204);
        assertThat(a.post("/__admin/oauth/redirect-uris", "{\"client_id\":\"nobody\",\"uri\":\"https://x/cb\"}").status()).isEqualTo(400);
        OAuthFlow f = new OAuthFlow(base);
        Map<String, String> p = OAuthFlow.redirectParams(f.authorize("response_type", "code", "client_id", ZendeskEmulator.OAUTH_CLIENT_ID,
                "redirect_uri", "https://app.example.com/cb", "scope", "read"));
        JsonNode t = f.ok(f.exchange(p.get("code"), "redirect_uri", "https://app.example.com/cb", "code_verifier", null));
        JsonNode stats = a.get("/__admin/oauth/stats").json();
        assertThat(stats.get("authorization_codes").asLong()).isEqualTo(1);
        assertThat(stats.get("code_exchanges").asLong()).isEqualTo(1);
        assertThat(a.put("/__admin/settings", "{\"oauth_consent\":\"DENY\"}").json().get("oauth_consent").asText()).isEqualTo("DENY");
        assertThat(a.put("/__admin/settings", "{\"oauth_consent\":\"MAYBE\"}").status()).isEqualTo(400);

        admin.reset();
        assertThat(admin.oauthStats()).isEqualTo(new OAuthStats(0, 0, 0, 0, 0, 0, 0));
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(401);
        assertThat(f.authorize("response_type", "code", "client_id", ZendeskEmulator.OAUTH_CLIENT_ID,
                "redirect_uri", "https://app.example.com/cb", "scope", "read").status()).as("registration cleared").isEqualTo(400);
        assertThat(OAuthFlow.redirectParams(f.authorize(ZendeskEmulator.OAUTH_CLIENT_ID))).as("consent back to AUTO_APPROVE")
                .containsKey("code");
    }
}
