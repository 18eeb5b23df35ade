package io.camelzendesk.kamelets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.oauth.AuthorizationCodeFlow;
import io.camelzendesk.component.oauth.TokenFileRepository;
import io.camelzendesk.component.oauth.TokenStore;
import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kamelets on OAuth, against an emulator whose API tokens are off (an account after 2027-04-30): an OAuth
 * client given to the kamelet (client credentials), and a token-store based connection (an account connected with
 * the authorization-code grant, named by the kamelet's {@code account} alone).
 */
class ZendeskOAuthKameletTest extends KameletTestSupport {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path state;

    @Override
    void configure(CamelContext context) throws Exception {
        admin.setApiTokensEnabled(false);
        // the component's OAuth client and token store (encrypted): what a connected account needs besides its name
        ZendeskConfiguration c = context.getComponent("zendesk", ZendeskComponent.class).getConfiguration();
        c.setClientId(ZendeskEmulator.OAUTH_CLIENT_ID);
        c.setClientSecret(ZendeskEmulator.OAUTH_CLIENT_SECRET);
        c.setStateDirectory(state.toString());
        c.setTokenEncryptionKey(KEY);
        // connected before the route that names it is created (an endpoint checks its account when it is created;
        // per message, the header CamelZendeskAccount may name an account connected later)
        connect("acme");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:client-credentials").to("kamelet:zendesk-sink?resource=tickets&baseUrl="
                        + emulator.baseUrl() + "&clientId=" + ZendeskEmulator.OAUTH_CLIENT_ID
                        + "&clientSecret=" + ZendeskEmulator.OAUTH_CLIENT_SECRET);
                from("direct:connected").to("kamelet:zendesk-sink?resource=tickets&account=acme");
            }
        });
        context.start();
    }

    @Test
    void anOAuthClientGivenToTheKameletUsesTheClientCredentialsGrant() {
        template.sendBody("direct:client-credentials", "{\"subject\": \"Printer on fire\", \"comment\": {\"body\": \"Smoke\"}}");

        assertThat(subjects()).containsExactly("Printer on fire");
        assertThat(admin.oauthStats().clientCredentials()).isPositive();
        assertThat(bearerWrites()).hasSize(1);
    }

    @Test
    void aConnectedAccountIsReachedByItsNameWithTheTokensOfTheTokenStore() throws Exception {
        template.sendBody("direct:connected", "{\"subject\": \"For acme\", \"comment\": {\"body\": \"Hello\"}}");

        assertThat(subjects()).containsExactly("For acme");
        assertThat(admin.oauthStats().codeExchanges()).isEqualTo(1);
        assertThat(admin.oauthStats().clientCredentials()).as("not the client's own token").isZero();
        assertThat(bearerWrites()).hasSize(1);
        assertThat(Files.readString(state.resolve(TokenFileRepository.FILE_NAME))).as("encrypted at rest")
                .contains("aesgcm:").doesNotContain(token(bearerWrites().get(0)));
    }

    /** An account connected as a user does it (the emulator approves at once), the tokens saved in the store. */
    private void connect(String account) throws Exception {
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(
                new TokenStore(TokenFileRepository.inDirectory(state.toString()), KEY), ZendeskEmulator.OAUTH_CLIENT_ID,
                ZendeskEmulator.OAUTH_CLIENT_SECRET, Duration.ofMinutes(30), Duration.ofDays(30));
        String authorize = flow.start(account, emulator.baseUrl(), "http://127.0.0.1:1/callback", "read write");
        HttpResponse<String> consent = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(consent.headers().firstValue("Location").orElseThrow());
        assertThat(flow.complete(AuthorizationCodeFlow.parseQuery(callback.getRawQuery())).connected()).isTrue();
    }

    private java.util.List<RecordedRequest> bearerWrites() {
        return admin.requests().stream().filter(r -> r.method().equals("POST") && r.path().startsWith("/api/"))
                .filter(r -> String.valueOf(r.header("Authorization")).startsWith("Bearer ")).toList();
    }

    private static String token(RecordedRequest r) {
        return r.header("Authorization").substring("Bearer ".length());
    }
}
