package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator as Zendesk's OAuth server: the authorization endpoint, consent, and the authorization_code grant. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0)
class OAuthCodeFlowTest {
    private static final String PUBLIC = ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID;
    private static final String CONFIDENTIAL = ZendeskEmulator.OAUTH_CLIENT_ID;

    @Test
    void confidentialClientCodeFlowWithPkce(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        Map<String, String> redirect = OAuthFlow.redirectParams(f.authorize(CONFIDENTIAL));
        assertThat(redirect.get("_target")).isEqualTo(OAuthFlow.REDIRECT);
        assertThat(redirect).containsKeys("code", "state").doesNotContainKey("error");
        JsonNode t = f.ok(f.exchange(redirect.get("code")));
        assertThat(t.get("token_type").asText()).isEqualTo("bearer");
        assertThat(t.get("scope").asText()).isEqualTo("read write");
        assertThat(t.get("refresh_token").asText()).isNotBlank();
        assertThat(t.get("refresh_token_expires_in").asLong()).isEqualTo(30L * 24 * 3600);
        assertThat(t.has("expires_in")).as("like Zendesk: not asked, not sent").isFalse();
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(200);
        assertThat(admin.oauthStats()).isEqualTo(new OAuthStats(1, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void formBodyAndBasicClientAuthentication(@EmulatorBaseUrl String base) {
        OAuthFlow f = new OAuthFlow(base);
        String code = f.code(CONFIDENTIAL);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (CONFIDENTIAL + ":" + ZendeskEmulator.OAUTH_CLIENT_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String form = "grant_type=authorization_code&code=" + Api.enc(code) + "&redirect_uri=" + Api.enc(OAuthFlow.REDIRECT)
                + "&code_verifier=" + f.verifier + "&expires_in=600";
        Api.Res r = f.api.form("/oauth/tokens", form, "Authorization", basic);
        JsonNode t = f.ok(r);
        assertThat(t.get("expires_in").asLong()).isEqualTo(600);
    }

    @Test
    void publicClientNeedsPkceAndNoSecret(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        Map<String, String> noPkce = OAuthFlow.redirectParams(f.authorize("response_type", "code", "client_id", PUBLIC,
                "redirect_uri", OAuthFlow.REDIRECT, "scope", "read", "state", "s"));
        assertThat(noPkce).containsEntry("error", "invalid_request").containsEntry("state", "s").containsKey("error_description");

        String code = f.code(PUBLIC);
        Api.Res noVerifier = f.exchange(code, "client_id", PUBLIC, "client_secret", null, "code_verifier", null);
        assertThat(noVerifier.status()).isEqualTo(400);
        assertThat(noVerifier.body()).isEqualTo(OAuthFlow.INVALID_GRANT);

        JsonNode t = f.ok(f.exchange(f.code(PUBLIC), "client_id", PUBLIC, "client_secret", null));
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(200);
        JsonNode refreshed = f.ok(f.refresh(t.get("refresh_token").asText(), "client_id", PUBLIC, "client_secret", null));
        assertThat(f.me(refreshed.get("access_token").asText())).isEqualTo(200);
        assertThat(admin.oauthStats().invalidGrants()).isEqualTo(1);
    }

    @Test
    void wrongVerifierWrongRedirectUriAndAnotherClientAreInvalidGrants(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        Api.Res wrongVerifier = f.exchange(f.code(CONFIDENTIAL), "code_verifier", OAuthFlow.verifier());
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.exchange(f.code(CONFIDENTIAL), "redirect_uri", "http://127.0.0.1:9/other").body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.exchange(f.code(PUBLIC)).body()).as("a code of the public client").isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.exchange("no-such-code").body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        Api.Res badSecret = f.exchange(f.code(CONFIDENTIAL), "client_secret", "nope");
        assertThat(badSecret.status()).isEqualTo(401);
        assertThat(badSecret.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(admin.oauthStats().invalidGrants()).isEqualTo(4);
        assertThat(admin.oauthStats().codeExchanges()).isZero();
    }

    @Test
    void aCodeIsSingleUseAndItsReuseRevokesTheGrant(@EmulatorBaseUrl String base) {
        OAuthFlow f = new OAuthFlow(base);
        String code = f.code(CONFIDENTIAL);
        JsonNode t = f.ok(f.exchange(code));
        assertThat(f.exchange(code).body()).isEqualTo(OAuthFlow.INVALID_GRANT);
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(401);
        assertThat(f.refresh(t.get("refresh_token").asText()).body()).isEqualTo(OAuthFlow.INVALID_GRANT);
    }

    @Test
    void invalidClientOrRedirectUriGetsAPageNeverARedirect(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        String challenge = OAuthFlow.challenge(f.verifier);
        for (String[] bad : new String[][] { { "nobody", OAuthFlow.REDIRECT }, { CONFIDENTIAL, "https://evil.example.com/cb" },
                { CONFIDENTIAL, null }, { CONFIDENTIAL, "not a uri" }, { null, OAuthFlow.REDIRECT } }) {
            Api.Res r = f.authorize("response_type", "code", "client_id", bad[0], "redirect_uri", bad[1], "scope", "read",
                    "code_challenge", challenge, "code_challenge_method", "S256");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Location")).isNull();
            assertThat(r.header("Content-Type")).startsWith("text/html");
        }
        for (String loopback : new String[] { "http://localhost:8080/cb?x=1", "http://[::1]:8080/cb", "https://127.0.0.1/cb" }) {
            Map<String, String> p = OAuthFlow.redirectParams(f.authorize("response_type", "code", "client_id", CONFIDENTIAL,
                    "redirect_uri", loopback, "scope", "tickets:read users:write"));
            assertThat(p).containsKey("code").doesNotContainKey("state");
        }
        admin.addOAuthRedirectUri(CONFIDENTIAL, "https://app.example.com/zendesk/connect/callback");
        Map<String, String> registered = OAuthFlow.redirectParams(f.authorize("response_type", "code", "client_id", CONFIDENTIAL,
                "redirect_uri", "https://app.example.com/zendesk/connect/callback", "scope", "read"));
        assertThat(registered.get("_target")).isEqualTo("https://app.example.com/zendesk/connect/callback");
        Api.Res otherClient = f.authorize("response_type", "code", "client_id", PUBLIC,
                "redirect_uri", "https://app.example.com/zendesk/connect/callback", "scope", "read",
                "code_challenge", challenge, "code_challenge_method", "S256");
        assertThat(otherClient.status()).as("registered for another client").isEqualTo(400);
    }

    @Test
    void otherErrorsGoBackToTheRedirectUri(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        OAuthFlow f = new OAuthFlow(base);
        String challenge = OAuthFlow.challenge(f.verifier);
        assertThat(OAuthFlow.redirectParams(f.authorize("response_type", "token", "client_id", CONFIDENTIAL,
                "redirect_uri", OAuthFlow.REDIRECT, "scope", "read", "state", "a b")))
                .containsEntry("error", "unsupported_response_type").containsEntry("state", "a b");
        assertThat(OAuthFlow.redirectParams(f.authorize("response_type", "code", "client_id", CONFIDENTIAL,
                "redirect_uri", OAuthFlow.REDIRECT, "scope", "read everything", "state", "x")))
                .containsEntry("error", "invalid_scope").containsEntry("state", "x");
        assertThat(OAuthFlow.redirectParams(f.authorize("response_type", "code", "client_id", CONFIDENTIAL,
                "redirect_uri", OAuthFlow.REDIRECT, "scope", "read", "code_challenge", challenge, "code_challenge_method", "plain")))
                .containsEntry("error", "invalid_request");
        assertThat(admin.oauthStats().authorizationCodes()).isZero();
    }

    @Test
    void denial(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        admin.setOAuthConsent(Consent.DENY);
        Map<String, String> p = OAuthFlow.redirectParams(new OAuthFlow(base).authorize(PUBLIC));
        assertThat(p).containsEntry("error", "access_denied").containsEntry("state", "st-1").containsKey("error_description")
                .doesNotContainKey("code");
    }

    @Test
    void askShowsAConsentPageWhoseAllowAndDenyFormsAnswer(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        admin.setOAuthConsent(Consent.ASK);
        OAuthFlow f = new OAuthFlow(base);
        Api.Res page = f.authorize(PUBLIC);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains(PUBLIC, "read write", "action=\"/oauth/authorizations/new\"", "value=\"allow\"", "value=\"deny\"");
        String consentId = consentId(page.body());
        Api.Res allowed = postForm(f, "consent_id=" + Api.enc(consentId) + "&decision=allow");
        Map<String, String> p = OAuthFlow.redirectParams(allowed);
        assertThat(p).containsEntry("state", "st-1");
        JsonNode t = f.ok(f.exchange(p.get("code"), "client_id", PUBLIC, "client_secret", null));
        assertThat(f.me(t.get("access_token").asText())).isEqualTo(200);
        assertThat(postForm(f, "consent_id=" + Api.enc(consentId) + "&decision=allow").status()).as("answered once").isEqualTo(400);

        String second = consentId(f.authorize(PUBLIC).body());
        assertThat(OAuthFlow.redirectParams(postForm(f, "consent_id=" + Api.enc(second) + "&decision=deny")))
                .containsEntry("error", "access_denied").containsEntry("state", "st-1");
        assertThat(admin.oauthStats().authorizationCodes()).isEqualTo(1);
    }

    private static Api.Res postForm(OAuthFlow f, String form) {
        return f.api.form("/oauth/authorizations/new", form);
    }

    private static String consentId(String html) {
        Matcher m = Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }
}
