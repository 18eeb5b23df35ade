package io.camelzendesk.component.oauth;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.position.JdbcStateRepository;
import io.camelzendesk.emulator.Consent;
import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connect command line in its own JVM (the test classpath), against the emulator: it prints the URL, the test
 * plays the browser (following Zendesk's redirect to the command's loopback listener), and the command exits.
 */
class ConnectCommandTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dir;

    private ZendeskEmulator zendesk;

    @BeforeEach
    void start() {
        zendesk = ZendeskEmulator.builder().build();
        zendesk.start();
    }

    @AfterEach
    void stop() {
        zendesk.close();
    }

    /** The command's run: exit status, everything it printed, and the callback URL and page the browser got. */
    private record Run(int exit, String output, String callback, HttpResponse<String> page) {
    }

    private Run connect(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ConnectCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("ZENDESK_CLIENT_SECRET");
        pb.environment().putAll(env);
        Process process = pb.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith(zendesk.baseUrl() + "/oauth/authorizations/new?")) {
                        url.complete(line.trim());
                    }
                }
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
            url.complete(null);
        });
        reader.start();
        try {
            String authorize = url.get(60, TimeUnit.SECONDS);
            assertThat(authorize).as("the URL printed; output: %s", output).isNotNull();
            HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> toCallback = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String callback = toCallback.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(callback)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            synchronized (output) {
                return new Run(process.exitValue(), output.toString(), callback, page);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private TokenStore fileStore(String key) {
        TokenFileRepository repository = TokenFileRepository.inDirectory(dir.toString());
        repository.start();
        return new TokenStore(repository, key);
    }

    private static String code(String callback) {
        return callback.replaceAll(".*[?&]code=([^&]*).*", "$1");
    }

    @Test
    void theCommandConnectsAnAccountIntoTheTokenFileAndPrintsNoSecret() throws Exception {
        Run run = connect(Map.of("ZENDESK_CLIENT_SECRET", ZendeskEmulator.OAUTH_CLIENT_SECRET, "TOKEN_KEY", KEY),
                "--account", "acme", "--base-url", zendesk.baseUrl(), "--client-id", ZendeskEmulator.OAUTH_CLIENT_ID,
                "--state-directory", dir.toString(), "--encryption-key-env", "TOKEN_KEY", "--timeout", "60s");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.page().statusCode()).isEqualTo(200);
        assertThat(run.page().body()).contains("Zendesk account acme is connected");
        assertThat(run.output()).contains("Connected account acme (" + zendesk.baseUrl() + "); tokens stored in"
                                          + " token file " + dir.resolve("zendesk-tokens.dat"));
        assertThat(run.callback()).startsWith("http://127.0.0.1:");
        StoredGrant grant = fileStore(KEY).read("acme").grant();
        assertThat(grant.baseUrl()).isEqualTo(zendesk.baseUrl());
        assertThat(grant.clientId()).isEqualTo(ZendeskEmulator.OAUTH_CLIENT_ID);
        assertThat(fileStore(KEY).read("acme").stored()).startsWith("aesgcm:");
        String seen = run.output() + run.page().headers().map() + run.page().body();
        assertThat(seen).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken())
                .doesNotContain(ZendeskEmulator.OAUTH_CLIENT_SECRET).doesNotContain(KEY)
                .doesNotContain(code(run.callback()));
    }

    @Test
    void aPublicClientConnectsIntoAJdbcTable() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("tokens") + ";DB_CLOSE_DELAY=0";
        Run run = connect(Map.of("DB_PASSWORD", "db-secret"), "--account", "acme", "--base-url", zendesk.baseUrl(),
                "--client-id", ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID, "--jdbc-url", jdbcUrl, "--jdbc-user", "sa",
                "--jdbc-password-env", "DB_PASSWORD", "--timeout", "60s");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("tokens stored in the database table camel_zendesk_state")
                .doesNotContain("db-secret");
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser("sa");
        ds.setPassword("db-secret");
        JdbcStateRepository jdbc = new JdbcStateRepository(ds);
        jdbc.start();
        try {
            StoredGrant grant = new TokenStore(jdbc, null).read("acme").grant();
            assertThat(grant.clientId()).isEqualTo(ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID);
            assertThat(grant.refreshToken()).isNotBlank();
        } finally {
            jdbc.stop();
        }
    }

    @Test
    void aDenialExitsWithStatusOneAndStoresNothing() throws Exception {
        zendesk.admin().setOAuthConsent(Consent.DENY);

        Run run = connect(Map.of("ZENDESK_CLIENT_SECRET", ZendeskEmulator.OAUTH_CLIENT_SECRET), "--account", "acme",
                "--base-url", zendesk.baseUrl(), "--client-id", ZendeskEmulator.OAUTH_CLIENT_ID,
                "--state-directory", dir.toString(), "--timeout", "60s");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.page().statusCode()).isEqualTo(403);
        assertThat(run.output()).contains("Not connected: access_denied").contains("(nothing stored)");
        assertThat(fileStore(null).read("acme").grant()).isNull();
    }

    @Test
    void aSecretIsNeverTakenOnTheCommandLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConnectCommand.run(new String[] {"--client-id", "c", "--subdomain", "acme", "--client-secret",
                "s3cret"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), name -> null);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--client-secret is not taken on the command line")
                .contains("--client-secret-env").doesNotContain("s3cret");
    }
}
