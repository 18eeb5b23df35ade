package io.camelzendesk.component.oauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * Connects an account to an emulator as a user would, through {@link AuthorizationCodeFlow} over HTTP: the
 * authorization request (the emulator approves at once), the code exchanged with PKCE, the grant saved in the store.
 */
final class EmulatorGrants {

    static final String REDIRECT = "http://127.0.0.1:1/callback";

    private EmulatorGrants() {
    }

    static StoredGrant connect(ZendeskEmulator emulator, TokenStore store, String account, Duration accessLifetime)
            throws Exception {
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(store, ZendeskEmulator.OAUTH_CLIENT_ID,
                ZendeskEmulator.OAUTH_CLIENT_SECRET, accessLifetime, Duration.ofDays(30));
        String authorize = flow.start(account, emulator.baseUrl(), REDIRECT, "read write");
        HttpResponse<String> consent = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(consent.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                consent.body())));
        AuthorizationCodeFlow.Result result = flow.complete(AuthorizationCodeFlow.parseQuery(callback.getRawQuery()));
        if (!result.connected()) {
            throw new AssertionError("not connected: " + result);
        }
        return store.read(account).grant();
    }
}
