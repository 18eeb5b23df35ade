package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A test OAuth client of the emulator: the authorization request, the code in the redirect, the token requests. */
final class OAuthFlow {
    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final String INVALID_GRANT = "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is "
            + "invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.\"}";

    final Api api;
    final String verifier = verifier();

    OAuthFlow(String base) {
        this.api = new Api(base);
        api.authorization = null;
    }

    static String verifier() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET /oauth/authorizations/new with these parameters (null values left out). */
    Api.Res authorize(String... kv) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                q.append(q.length() == 0 ? "?" : "&").append(kv[i]).append('=').append(Api.enc(kv[i + 1]));
            }
        }
        return api.get("/oauth/authorizations/new" + q);
    }

    /** The usual PKCE request of a client (state "st-1", scope "read write"). */
    Api.Res authorize(String clientId) {
        return authorize("response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT, "scope", "read write",
                "state", "st-1", "code_challenge", challenge(verifier), "code_challenge_method", "S256");
    }

    /** The parameters of a 302's Location query. */
    static Map<String, String> redirectParams(Api.Res r) {
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        URI location = URI.create(r.header("Location"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("_target", location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath());
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A code of the confidential or public client, with PKCE. */
    String code(String clientId) {
        Map<String, String> p = redirectParams(authorize(clientId));
        assertThat(p.get("state")).isEqualTo("st-1");
        return p.get("code");
    }

    /** POST /oauth/tokens with a JSON body. */
    Api.Res token(Map<String, ?> body) {
        return api.post("/oauth/tokens", Api.json(body));
    }

    Api.Res exchange(String code, String... extra) {
        Map<String, Object> b = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "client_id", ZendeskEmulator.OAUTH_CLIENT_ID, "client_secret", ZendeskEmulator.OAUTH_CLIENT_SECRET,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                b.remove(extra[i]);
            } else {
                b.put(extra[i], extra[i + 1]);
            }
        }
        return token(b);
    }

    Api.Res refresh(String refreshToken, String... extra) {
        Map<String, Object> b = new LinkedHashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", ZendeskEmulator.OAUTH_CLIENT_ID, "client_secret", ZendeskEmulator.OAUTH_CLIENT_SECRET));
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                b.remove(extra[i]);
            } else {
                b.put(extra[i], extra[i + 1]);
            }
        }
        return token(b);
    }

    /** The tokens of a successful grant. */
    JsonNode ok(Api.Res r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** GET /api/v2/users/me with this Bearer token: its status. */
    int me(String accessToken) {
        Api a = new Api(api.base);
        a.authorization = "Bearer " + accessToken;
        return a.get("/api/v2/users/me.json").status();
    }
}
