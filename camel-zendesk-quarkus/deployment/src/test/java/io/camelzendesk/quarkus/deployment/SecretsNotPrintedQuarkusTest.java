package io.camelzendesk.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import jakarta.inject.Inject;

import com.sun.net.httpserver.HttpServer;
import io.camelzendesk.emulator.SecretScan;
import io.quarkus.test.QuarkusUnitTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.camelzendesk.emulator.SecretScan.ONLY_COMPONENT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A Camel Quarkus application with the extension, every secret option of the component set to a recognisable value
 * in its configuration (camel.component.zendesk.*) and in endpoint URIs, against a Zendesk that refuses them (401):
 * nothing it prints contains one of them. Scanned: every log record from the build to the shutdown (Camel's start-up
 * summary and routes, DEBUG of the component, the 401s the routes log, with their stacks), the exceptions the routes'
 * callers get, the health checks with their details, and every dev console the application has. The test method
 * logs what it collects (category {@value #SCAN}) so that one scan, after the shutdown, covers everything.
 */
class SecretsNotPrintedQuarkusTest {

    static final String SCAN = "secrets-scan";

    /** The secret values, by where they are set. */
    static final SecretScan SECRETS = new SecretScan("Qk");

    /**
     * The secrets of issue 15 beside SecretScan's: the token store's encryption key (a valid 24-byte AES key, on the
     * component and in a URI) and the client secret of a named account (zendesk.account.scan.*).
     */
    static final Map<String, String> MORE = Map.of(
            "component tokenEncryptionKey", aesKey("compTokenEncryptionKeyQk87"),
            "uri tokenEncryptionKey", aesKey("uriTokenEncryptionKeyQk97"),
            "named account clientSecret", "namedClientSecretQk75");

    static String aesKey(String recognisable) {
        return (recognisable + "A".repeat(32)).substring(0, 32);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(SecretRoutes.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.log.category.\"io.camelzendesk\".level", "DEBUG")
            .overrideConfigKey("camel.main.auto-configuration-log-summary", "true")
            .overrideConfigKey("camel.component.zendesk.base-url", "http://127.0.0.1:" + RefusingZendesk.port())
            .overrideConfigKey("camel.component.zendesk.max-retries", "0")
            .overrideConfigKey("camel.component.zendesk.email", SECRETS.secret("component email"))
            .overrideConfigKey("camel.component.zendesk.api-token", SECRETS.secret("component apiToken"))
            .overrideConfigKey("camel.component.zendesk.oauth-token", SECRETS.secret("component oauthToken"))
            .overrideConfigKey("camel.component.zendesk.client-id", SECRETS.secret("component clientId"))
            .overrideConfigKey("camel.component.zendesk.client-secret", SECRETS.secret("component clientSecret"))
            .overrideConfigKey("camel.component.zendesk.signing-secret", SECRETS.secret("component signingSecret"))
            .overrideConfigKey("camel.component.zendesk.token-encryption-key", MORE.get("component tokenEncryptionKey"))
            .overrideConfigKey("zendesk.account.scan.client-id", "named-client")
            .overrideConfigKey("zendesk.account.scan.client-secret", MORE.get("named account clientSecret"))
            .setLogRecordPredicate(r -> true)
            .assertLogRecords(SecretsNotPrintedQuarkusTest::noSecretIn);

    @Inject
    CamelContext context;

    @Test
    void nothingTheApplicationPrintsContainsASecret() throws Exception {
        Logger scan = Logger.getLogger(SCAN);
        // the export's first poll (after its initial delay) has failed and been logged: its check is DOWN with an error
        for (int i = 0; i < 300 && !exportFailed(); i++) {
            Thread.sleep(100);
        }
        // the 401s, as the routes' callers see them
        for (String route : List.of("direct:component", "direct:token", "direct:oauth", "direct:client",
                "direct:named")) {
            try {
                context.createProducerTemplate().requestBody(route, (Object) null);
                fail(route + " should have failed with a 401");
            } catch (Exception e) {
                assertThat(SecretScan.stack(e)).contains("401");
                scan.infof("exception of %s: %s", route, SecretScan.stack(e));
            }
        }
        // the authorization-code grant of an account never connected: refused before any request
        try {
            context.createProducerTemplate().requestBody("direct:stored", (Object) null);
            fail("direct:stored should have failed: the account was never connected");
        } catch (Exception e) {
            scan.infof("exception of direct:stored: %s", SecretScan.stack(e));
        }
        // the health checks and their details
        List<HealthCheck.Result> health = new ArrayList<>(HealthCheckHelper.invoke(context));
        assertThat(health).as("the account's check").anyMatch(r -> r.getCheck().getId().startsWith("zendesk-"));
        for (HealthCheck.Result r : health) {
            scan.infof("health %s %s %s %s %s", r.getCheck().getId(), r.getState(), r.getMessage().orElse(""),
                    r.getDetails(), r.getError().map(SecretScan::stack).orElse(""));
        }
        // the dev consoles, if the application has any (camel-quarkus-console is not a dependency here)
        DevConsoleRegistry consoles = DevConsoleRegistry.get(context);
        if (consoles == null) {
            scan.info("no dev console registry");
        } else {
            consoles.stream().toList().forEach(console -> {
                for (DevConsole.MediaType type : DevConsole.MediaType.values()) {
                    if (console.supportMediaType(type)) {
                        scan.infof("console %s %s: %s", console.getId(), type, console.call(type, Map.of()));
                    }
                }
            });
        }
        // the endpoints as Camel reports them
        context.getEndpoints().forEach(e -> scan.infof("endpoint %s", e.getEndpointUri()));
    }

    private boolean exportFailed() {
        return HealthCheckHelper.invoke(context).stream()
                .anyMatch(r -> r.getCheck().getId().equals("consumer:ticket-changes") && r.getError().isPresent());
    }

    /** After the shutdown: every log record of the run, those of the test method included. */
    static void noSecretIn(List<LogRecord> records) {
        try {
            List<String> leaks = new ArrayList<>();
            for (LogRecord r : records) {
                String text = text(r);
                leaks.addAll(SECRETS.leaks(r.getLoggerName() + ": " + text, text));
                MORE.forEach((where, secret) -> {
                    if (text.contains(secret)) {
                        leaks.add(where + " printed by " + r.getLoggerName() + ": " + text);
                    }
                });
            }
            String all = String.join("\n", records.stream().map(SecretsNotPrintedQuarkusTest::text).toList());
            System.out.println("Log records scanned: " + records.size());
            assertThat(leaks).as("log records with a secret").isEmpty();
            assertThat(all).as("the test method's outputs were logged").contains("exception of direct:client")
                    .contains("exception of direct:named").contains("exception of direct:stored");
            assertThat(all).as("the export failed").contains("export of route ticket-changes is failing");
        } finally {
            RefusingZendesk.stop();
        }
    }

    /** A record as printed (the message formatted its way, printf or MessageFormat), its parameters and its stack. */
    private static String text(LogRecord r) {
        StringBuilder sb = new StringBuilder(r instanceof ExtLogRecord ext
                ? ext.getFormattedMessage() : new SimpleFormatter().formatMessage(r));
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                sb.append(" | ").append(p);
            }
        }
        if (r.getThrown() != null) {
            sb.append('\n').append(SecretScan.stack(r.getThrown()));
        }
        return sb.toString();
    }

    public static class SecretRoutes extends RouteBuilder {
        @Override
        public void configure() {
            // each API endpoint keeps exactly one kind of credentials: the others are blanked in its URI
            from("direct:component").routeId("component-token").to("zendesk:users?operation=me" + ONLY_COMPONENT_TOKEN);
            from("direct:token").routeId("uri-token").to("zendesk:users?operation=me" + SECRETS.uriToken());
            from("direct:oauth").routeId("uri-oauth").to("zendesk:tickets?operation=get&id=1" + SECRETS.uriOauth());
            from("direct:client").routeId("uri-client").to("zendesk:groups?operation=get&id=2" + SECRETS.uriClient());
            // a named account of the configuration (zendesk.account.scan.*, its own OAuth client)
            from("direct:named").routeId("named-account").to("zendesk:users?operation=me&account=scan");
            // the authorization-code grant, its token store encrypted with the URI's key
            from("direct:stored").routeId("uri-stored-grant").to("zendesk:users?operation=me&oauthGrant=authorizationCode"
                    + "&stateDirectory=target/secrets-scan-state&tokenEncryptionKey=RAW(" + MORE.get("uri tokenEncryptionKey")
                    + ")" + SECRETS.uriClient());
            from("timer:hello?repeatCount=1").routeId("hello-ticket").setBody(constant("{}"))
                    .to("zendesk:tickets?operation=create" + ONLY_COMPONENT_TOKEN);
            from("zendesk:tickets?stateInMemory=true" + ONLY_COMPONENT_TOKEN).routeId("ticket-changes")
                    .to("log:changes");
            from("zendesk:webhook?path=/hooks/component").routeId("component-hook").to("log:hook");
            from("zendesk:webhook?path=/hooks/uri&signingSecret=" + SECRETS.secret("uri signingSecret"))
                    .routeId("uri-hook").to("log:hook");
        }
    }

    /**
     * A Zendesk that answers every request 401. One per JVM: the test class is loaded twice (by JUnit and by
     * Quarkus), the server is started once and kept in the system properties.
     */
    static final class RefusingZendesk {
        private static final String KEY = "secrets-not-printed-quarkus.zendesk";

        static synchronized int port() {
            Object server = System.getProperties().get(KEY);
            if (server == null) {
                server = SecretScan.refusingZendesk();
                System.getProperties().put(KEY, server);
            }
            return ((HttpServer) server).getAddress().getPort();
        }

        static synchronized void stop() {
            Object server = System.getProperties().remove(KEY);
            if (server != null) {
                ((HttpServer) server).stop(0);
            }
        }
    }
}
