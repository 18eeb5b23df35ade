package io.camelzendesk.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.camelzendesk.emulator.Consent;
import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application on OAuth against its emulator (API tokens off there): the routes use the emulator's OAuth client
 * (client credentials), and routes/connect.yaml connects an account with the authorization-code grant, as a browser
 * would, after which that account is reached with its stored tokens.
 */
@io.quarkus.test.junit.QuarkusTest
class ConnectRouteTest {

    @Inject
    ZendeskAccount account;
    @Inject
    ProducerTemplate template;
    @ConfigProperty(name = "examples.outbox.dir")
    String outbox;
    @ConfigProperty(name = "examples.data-dir")
    String dataDir;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    EmulatorAdmin admin() {
        return account.admin().orElseThrow();
    }

    HttpResponse<String> open(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + DemoDriver.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRoutesRunOnTheClientCredentialsGrant() {
        template.requestBody("zendesk:users?operation=me", (Object) null);
        assertThat(admin().oauthStats().clientCredentials()).isPositive();
        List<RecordedRequest> api = admin().requests().stream().filter(r -> r.path().startsWith("/api/")).toList();
        assertThat(api).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer "));
    }

    @Test
    void anAccountConnectedThroughTheRouteIsUsedWithItsStoredTokens() throws Exception {
        long exchanges = admin().oauthStats().codeExchanges();
        HttpResponse<String> page = open("/zendesk/connect/start?account=" + ZendeskAccount.DEMO);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/zendesk/connect/callback");
        assertThat(admin().oauthStats().codeExchanges()).isEqualTo(exchanges + 1);
        Path note = Path.of(outbox, "connected", ZendeskAccount.DEMO + ".txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(note));
        assertThat(Files.readString(note)).startsWith("Zendesk account demo (" + account.url() + ") connected by")
                .contains(ZendeskEmulator.ADMIN_EMAIL);

        // a call of the account demo (option account): the bearer token it sends is the stored grant's
        template.requestBody("zendesk:users?operation=me&account=" + ZendeskAccount.DEMO, (Object) null);
        RecordedRequest me = admin().requests().stream().filter(r -> r.path().startsWith("/api/v2/users/me"))
                .reduce((first, second) -> second).orElseThrow();
        String token = me.header("Authorization").substring("Bearer ".length());
        String stored = Files.readString(Path.of(dataDir, "zendesk-state", "zendesk-tokens.dat"));
        assertThat(stored).contains("oauth/demo").contains(token);
    }

    @Test
    void aDeniedConnectionStoresNothing() throws Exception {
        long exchanges = admin().oauthStats().codeExchanges();
        admin().setOAuthConsent(Consent.DENY);
        try {
            HttpResponse<String> page = open("/zendesk/connect/start?account=" + ZendeskAccount.DEMO);
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.body()).contains("Not connected");
        } finally {
            admin().setOAuthConsent(Consent.AUTO_APPROVE);
        }
        assertThat(admin().oauthStats().codeExchanges()).isEqualTo(exchanges);
    }
}
