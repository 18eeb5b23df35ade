package io.camelzendesk.examples.main;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The routes of ../routes on plain Camel, in-process, against the embedded emulator. */
class ExamplesMainTest {

    @TempDir
    static Path dataDir;

    static ExamplesMain app;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        app = new ExamplesMain(Map.of(
                "examples.routes-dir", "../routes",
                "examples.data-dir", dataDir.toString(),
                "examples.emulator.seed", "0",
                "examples.export-delay", "1000",
                "examples.crm.poll-period", "1000",
                "camel.server.port", Integer.toString(port)));
        app.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aWebFormBecomesATicket() throws Exception {
        String requestId = "main-" + UUID.randomUUID();
        String form = """
                {"name": "Ada Lovelace", "email": "ada@example.org", "subject": "Cannot log in",
                 "message": "The login page says my password is wrong."}""";
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/support/requests"))
                        .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher m = Pattern.compile("\"ticket_id\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        ObjectNode ticket = app.admin().get("tickets", Long.parseLong(m.group(1))).orElseThrow();
        assertThat(ticket.get("subject").asText()).isEqualTo("Cannot log in");
        assertThat(ticket.get("external_id").asText()).isEqualTo("form:" + requestId);
        assertThat(ticket.get("tags").toString()).contains("channel_web");
    }

    @Test
    void anAccountConnectedThroughTheConnectRouteIsUsedWithItsStoredTokens() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/zendesk/connect/start?account="
                        + ExamplesMain.DEMO)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(app.admin().oauthStats().codeExchanges()).isEqualTo(1);
        Path note = Path.of(app.get("examples.outbox.dir"), "connected", ExamplesMain.DEMO + ".txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(note));
        assertThat(Files.readString(note)).startsWith("Zendesk account demo (").contains("connected by");
        assertThat(app.admin().oauthStats().clientCredentials()).as("the other routes' grant").isPositive();
    }

    @Test
    void aKbMarkdownFileBecomesAnArticle() throws Exception {
        String file = "kb-" + UUID.randomUUID().toString().substring(0, 8) + ".md";
        String title = "Resetting your password " + file;
        drop(Path.of(app.get("examples.kb.dir")), file, """
                ---
                title: "%s"
                section: Getting started
                labels: [password, account]
                ---
                Use **Forgot password** on the sign-in page.
                """.formatted(title));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> article(title).isPresent());
        ObjectNode article = article(title).orElseThrow();
        assertThat(article.get("body").asText()).contains("<strong>Forgot password</strong>");
        assertThat(article.get("label_names").toString()).contains("password", "account");
    }

    static Optional<ObjectNode> article(String title) {
        return app.admin().list("articles").stream().filter(a -> title.equals(a.path("title").asText())).findFirst();
    }

    static void drop(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
