package io.camelzendesk.jbang;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.emulator.WebhookSigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The commands of docs/jbang.md, run by Camel JBang's own command line ({@code camel run}, from camel-jbang-core) in
 * a separate JVM, against a Zendesk emulator started here.
 * <p>
 * What differs from a user's shell, and why: the JVM is started as {@code java -cp <this test classpath>
 * io.camelzendesk.jbang.CamelJBang} instead of through the {@code jbang} launcher; everything {@code camel run} would
 * download (the component given with {@code --dep}, the kamelets' {@code spec.dependencies}, the helpers' mail
 * library) is already on that classpath, and {@code --download=false} keeps the run offline: Maven artifacts are
 * read only from this build's local repository ({@code -Dmaven.repo.local}), which holds the one it needs at start
 * ({@code camel-dependencies}, a test dependency of this module). A temporary {@code user.home} keeps the machine's
 * {@code ~/.camel-jbang-user.properties} and {@code ~/.camel} out. Camel JBang skips a {@code --dep} whose jar is
 * already on the classpath. The environment is reduced to PATH and the locale.
 */
class CamelRunTest {

    static final String VERSION = System.getProperty("project.version");
    static final Path ROUTES = Path.of("../routes").toAbsolutePath().normalize();
    static final Path KAMELETS = Path.of("../camel-zendesk-kamelets/src/main/resources/kamelets").toAbsolutePath()
            .normalize();
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    static ZendeskEmulator emulator;

    @TempDir
    Path work;

    @BeforeAll
    static void startEmulator() {
        emulator = ZendeskEmulator.builder().requestsPerMinute(0).incrementalRequestsPerMinute(0)
                .apiTokensEnabled(false).build(); // an account after 2027-04-30: OAuth only
        emulator.start();
        // what an admin sets up once for routes/ (as camel-zendesk-examples-main does)
        emulator.admin().create("ticket_fields", Map.of("type", "text", "title", "Channel", "key", "channel"));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void aYamlRouteWithTheZendeskComponentCreatesATicket() throws Exception {
        Files.writeString(work.resolve("create-ticket.yaml"), """
                - route:
                    from:
                      uri: timer:once
                      parameters:
                        repeatCount: 1
                      steps:
                        - setBody:
                            constant: '{"subject": "Hello from camel run", "comment": {"body": "Sent by Camel JBang"}}'
                        - to: zendesk:tickets?operation=create
                        - log: "created ticket ${body.id}"
                """);
        writeApplicationProperties("");

        Run run = camel(RUN_TIMEOUT, "run", "create-ticket.yaml", "application.properties",
                "--dep=io.camelzendesk:camel-zendesk-component:" + VERSION, "--max-messages=1");

        assertThat(run.exitCode).as(run.log()).isZero();
        assertThat(run.log()).contains("created ticket");
        assertThat(ticketsWithSubject("Hello from camel run")).singleElement()
                .satisfies(t -> assertThat(t.get("description").asText()).isEqualTo("Sent by Camel JBang"));
    }

    @Test
    void theOmnichannelRouteOfRoutesTurnsAWebFormIntoATicket() throws Exception {
        int port = freePort();
        writeApplicationProperties("examples.data-dir=" + work.resolve("data") + "\n");
        List<String> args = new ArrayList<>(List.of("run", ROUTES.resolve("omnichannel-tickets.yaml").toString(),
                "application.properties", "--dep=io.camelzendesk:camel-zendesk-component:" + VERSION,
                "--dep=org.eclipse.angus:angus-mail:2.0.5", "--port=" + port, "--max-messages=1"));
        examplesJar().ifPresent(jar -> args.add(2, jar)); // the helper beans, as docs/jbang.md passes them

        Process process = start(args.toArray(String[]::new));
        try {
            HttpClient http = HttpClient.newHttpClient();
            String form = """
                    {"name": "Ada Lovelace", "email": "ada@example.org", "subject": "Cannot log in via JBang",
                     "message": "The login page says my password is wrong."}""";
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/support/requests"))
                    .header("Content-Type", "application/json").header("X-Request-Id", "jbang-1")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> response = sendOnceServed(process, http, post);
            assertThat(response).as(log()).isNotNull();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Matcher m = Pattern.compile("\"ticket_id\"\\s*:\\s*(\\d+)").matcher(response.body());
            assertThat(m.find()).as(response.body()).isTrue();
            ObjectNode ticket = emulator.admin().get("tickets", Long.parseLong(m.group(1))).orElseThrow();
            assertThat(ticket.get("subject").asText()).isEqualTo("Cannot log in via JBang");
            assertThat(ticket.get("external_id").asText()).isEqualTo("form:jbang-1");
            assertThat(ticket.get("tags").toString()).contains("channel_web");
            // --max-messages=1: Camel stops after the form
            assertThat(process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(log()).isTrue();
            assertThat(process.exitValue()).as(log()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theZendeskSinkKameletFromTheLocalKameletDirCreatesATicket() throws Exception {
        Files.writeString(work.resolve("kamelet-sink.yaml"), """
                - route:
                    from:
                      uri: timer:once
                      parameters:
                        repeatCount: 1
                      steps:
                        - setBody:
                            constant: '{"subject": "Hello from the zendesk-sink kamelet", "comment": {"body": "Hi"}}'
                        - setHeader:
                            name: zendesk-idempotency-key
                            constant: jbang-kamelet-1
                        - to:
                            uri: kamelet:zendesk-sink
                            parameters:
                              resource: tickets
                        - log: "kamelet created ticket ${body.id}"
                """);
        writeApplicationProperties("");

        Run run = camel(RUN_TIMEOUT, "run", "kamelet-sink.yaml", "application.properties",
                "--local-kamelet-dir=" + KAMELETS, "--dep=io.camelzendesk:camel-zendesk-component:" + VERSION,
                "--max-messages=1");

        assertThat(run.exitCode).as(run.log()).isZero();
        assertThat(run.log()).contains("kamelet created ticket");
        assertThat(ticketsWithSubject("Hello from the zendesk-sink kamelet")).hasSize(1);
    }

    @Test
    void theWebhookSourceKameletVerifiesDeliveriesUnderCamelRun() throws Exception {
        int port = freePort();
        Files.writeString(work.resolve("webhook.yaml"), """
                - route:
                    from:
                      uri: kamelet:zendesk-webhook-source
                      parameters:
                        path: /zendesk/hook
                        signingSecret: s3cr3t
                      steps:
                        - log: "event ${header.CamelZendeskEventType} about ticket ${header.CamelZendeskSubjectId}"
                """);
        // no camel.server.enabled: camel run starts its HTTP server on demand, in time for the webhook consumer
        writeApplicationProperties("");

        Process process = start("run", "webhook.yaml", "application.properties", "--local-kamelet-dir=" + KAMELETS,
                "--dep=io.camelzendesk:camel-zendesk-component:" + VERSION, "--port=" + port);
        try {
            byte[] body = ("{\"type\":\"zen:event-type:ticket.created\",\"id\":\"e-1\",\"subject\":\"zen:ticket:42\","
                    + "\"detail\":{\"id\":\"42\"}}").getBytes(StandardCharsets.UTF_8);
            String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest unsigned = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/zendesk/hook"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> answer = sendOnceServed(process, http, unsigned);
            assertThat(answer).as(log()).isNotNull();
            assertThat(answer.statusCode()).as("unsigned: " + answer.body() + "\n" + log()).isEqualTo(401);

            HttpRequest signed = HttpRequest.newBuilder(unsigned.uri()).header("Content-Type", "application/json")
                    .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                    .header("X-Zendesk-Webhook-Signature", WebhookSigning.sign("s3cr3t", timestamp, body))
                    .header("X-Zendesk-Webhook-Invocation-Id", "inv-1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            assertThat(http.send(signed, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> log().contains(
                    "event zen:event-type:ticket.created about ticket 42"));
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    // ---- helpers

    /** The account of docs/jbang.md's application.properties, pointing at the emulator. */
    private void writeApplicationProperties(String extra) throws IOException {
        Files.writeString(work.resolve("application.properties"), """
                camel.component.zendesk.base-url=%s
                camel.component.zendesk.client-id=%s
                camel.component.zendesk.client-secret=%s
                """.formatted(emulator.baseUrl(), ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET)
                + extra);
    }

    private List<ObjectNode> ticketsWithSubject(String subject) {
        return emulator.admin().list("tickets").stream().filter(t -> subject.equals(t.path("subject").asText())).toList();
    }

    record Run(int exitCode, Path logFile) {
        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    private Run camel(Duration timeout, String... args) throws Exception {
        Process process = start(args);
        try {
            assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as(log()).isTrue();
            return new Run(process.exitValue(), work.resolve("camel.log"));
        } finally {
            process.destroyForcibly();
        }
    }

    /** {@code camel <args>} in the work directory, in a JVM of its own, output to camel.log. */
    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + work.resolve("home"), "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), CamelJBang.class.getName()));
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--download=false", "--logging-color=false", "--max-seconds=" + RUN_TIMEOUT.toSeconds()));
        Files.createDirectories(work.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("camel.log").toFile());
        // Camel resolves an unset optional kamelet property (baseUrl, apiToken, ...) from an environment variable
        // of that name: the run gets only what a JVM needs, not the variables of the machine running the tests
        pb.environment().keySet().retainAll(Set.of("PATH", "LANG", "LC_ALL", "TMPDIR"));
        return pb.start();
    }

    private String log() {
        return new Run(-1, work.resolve("camel.log")).log();
    }

    /** The examples jar when the build has packaged it (mvn verify, install), else it is on the classpath only. */
    private static java.util.Optional<String> examplesJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.endsWith(".jar") && Path.of(p).getFileName().toString().startsWith("camel-zendesk-examples-"))
                .findFirst();
    }

    /**
     * Sends the request until the route serves it (before Camel has started: no connection, or 404 from the server);
     * null when the run ended first.
     */
    private static HttpResponse<String> sendOnceServed(Process process, HttpClient http, HttpRequest request) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                return true;
            }
            try {
                answer.set(http.send(request, HttpResponse.BodyHandlers.ofString()));
                return answer.get().statusCode() != 404;
            } catch (IOException e) {
                return false;
            }
        });
        return answer.get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
