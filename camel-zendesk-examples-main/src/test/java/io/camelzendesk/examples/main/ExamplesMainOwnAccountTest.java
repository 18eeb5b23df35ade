package io.camelzendesk.examples.main;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.camelzendesk.emulator.ZendeskEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With camel.component.zendesk.* set, plain Camel uses that account and starts no emulator (here the "account" is
 * an emulator the test runs on its own, prepared as a Zendesk admin would prepare a real one).
 */
class ExamplesMainOwnAccountTest {

    @TempDir
    Path dataDir;

    @Test
    void theRoutesUseTheConfiguredAccount() throws Exception {
        try (ZendeskEmulator account = ZendeskEmulator.builder().incrementalRequestsPerMinute(0)
                .apiTokensEnabled(false).build()) {
            String url = account.start();
            ExamplesMain.prepare(account.admin());
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            try (ExamplesMain app = new ExamplesMain(Map.of(
                    "examples.routes-dir", "../routes",
                    "examples.data-dir", dataDir.toString(),
                    "camel.server.port", Integer.toString(port),
                    "camel.component.zendesk.base-url", url,
                    "camel.component.zendesk.client-id", ZendeskEmulator.OAUTH_CLIENT_ID,
                    "camel.component.zendesk.client-secret", ZendeskEmulator.OAUTH_CLIENT_SECRET,
                    "camel.component.zendesk.incremental-requests-per-minute", "0"))) {
                assertThat(app.usesOwnZendesk()).isTrue();
                app.start();
                String requestId = "own-" + UUID.randomUUID();
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/support/requests"))
                                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"name\": \"Grace Hopper\", \"email\": \"grace@example.org\","
                                        + " \"subject\": \"Bug in the relay\", \"message\": \"A moth.\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                assertThat(account.admin().list("tickets")).anySatisfy(t -> {
                    assertThat(t.path("subject").asText()).isEqualTo("Bug in the relay");
                    assertThat(t.path("external_id").asText()).isEqualTo("form:" + requestId);
                });
            }
        }
    }
}
