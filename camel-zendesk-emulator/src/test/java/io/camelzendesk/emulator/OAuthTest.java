package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /oauth/tokens (client_credentials), Bearer auth, expiry, scopes. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0, oauthTokenLifetimeSeconds = 1)
class OAuthTest {

    @Test
    void clientCredentialsTokensWorkUntilTheyExpire(@EmulatorBaseUrl String base) throws Exception {
        Api api = new Api(base);
        api.authorization = null;
        Api.Res r = api.post("/oauth/tokens", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + ZendeskEmulator.OAUTH_CLIENT_ID
                + "\",\"client_secret\":\"" + ZendeskEmulator.OAUTH_CLIENT_SECRET + "\",\"scope\":\"read write\"}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("token_type").asText()).isEqualTo("bearer");
        assertThat(t.get("scope").asText()).isEqualTo("read write");
        assertThat(t.get("expires_in").asInt()).isEqualTo(1);
        api.authorization = "Bearer " + t.get("access_token").asText();
        assertThat(api.get("/api/v2/users/me.json").status()).isEqualTo(200);
        Thread.sleep(1100);
        Api.Res expired = api.get("/api/v2/users/me.json");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).isEqualTo("Couldn't authenticate you");
    }

    @Test
    void staticTokenBadClientAndScopes(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        api.authorization = "Bearer " + ZendeskEmulator.OAUTH_TOKEN;
        assertThat(api.get("/api/v2/users/me.json").status()).isEqualTo(200);
        api.authorization = null;
        assertThat(api.post("/oauth/tokens", "{\"grant_type\":\"client_credentials\",\"client_id\":\"x\",\"client_secret\":\"y\"}").status()).isEqualTo(401);
        assertThat(api.post("/oauth/tokens", "{\"grant_type\":\"password\"}").status()).isEqualTo(400);
        Api.Res form = api.send("POST", "/oauth/tokens", null, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(400);

        admin.setOAuthTokenLifetime(Duration.ofHours(1));
        String readOnly = api.post("/oauth/tokens", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + ZendeskEmulator.OAUTH_CLIENT_ID
                + "\",\"client_secret\":\"" + ZendeskEmulator.OAUTH_CLIENT_SECRET + "\",\"scope\":\"read\"}").json().get("access_token").asText();
        api.authorization = "Bearer " + readOnly;
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(200);
        assertThat(api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"}}}").status()).isEqualTo(403);
    }
}
