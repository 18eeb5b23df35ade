package io.camelzendesk.component.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import io.camelzendesk.client.OAuthTokenEndpoint;
import io.camelzendesk.client.OAuthTokens;
import io.camelzendesk.client.ZendeskAuth;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskClientConfig;
import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * Connects an account to an emulator as a user would, over HTTP: the authorization request (the emulator approves at
 * once), the code exchanged with PKCE, the grant saved in a token store.
 */
final class EmulatorGrants {

    static final String REDIRECT = "http://127.0.0.1:1/callback";

    private EmulatorGrants() {
    }

    static StoredGrant connect(ZendeskEmulator emulator, TokenStore store, String account, Duration accessLifetime)
            throws Exception {
        String verifier = "verifier-" + "x".repeat(50);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String url = emulator.baseUrl() + "/oauth/authorizations/new?response_type=code&client_id="
                     + ZendeskEmulator.OAUTH_CLIENT_ID + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc("read write")
                     + "&state=s1&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(r.body()));
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        try (ZendeskClient client = new ZendeskClient(
                ZendeskClientConfig.builder(emulator.baseUrl(), ZendeskAuth.none()).build())) {
            OAuthTokens tokens = new OAuthTokenEndpoint(client).authorizationCode(ZendeskEmulator.OAUTH_CLIENT_ID,
                    ZendeskEmulator.OAUTH_CLIENT_SECRET, code, REDIRECT, verifier, "read write", accessLifetime,
                    Duration.ofDays(30)).join();
            StoredGrant grant = StoredGrant.connected(account, emulator.baseUrl(), ZendeskEmulator.OAUTH_CLIENT_ID,
                    tokens, "read write", System.currentTimeMillis());
            store.save(grant);
            return grant;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
