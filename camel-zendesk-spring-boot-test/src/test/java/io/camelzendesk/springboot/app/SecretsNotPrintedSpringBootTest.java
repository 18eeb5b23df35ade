package io.camelzendesk.springboot.app;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.net.httpserver.HttpServer;
import io.camelzendesk.emulator.SecretScan;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.camelzendesk.emulator.SecretScan.ONLY_COMPONENT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Boot application started with every secret option of the component set to a recognisable value, on the
 * component (camel.component.zendesk.*) and in endpoint URIs, against a Zendesk that refuses them (401): nothing it
 * prints contains one of them. Scanned: everything written to the console (Spring Boot's start-up, Camel's start-up
 * summary, DEBUG of the component, the 401s the routes log), the exceptions the routes' callers get, the actuator
 * endpoints (health with details, env, configprops, camelroutes, and Camel's dev consoles through /actuator/camel),
 * and every attribute of Camel's JMX MBeans.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.io.camelzendesk=DEBUG",
        // the application's YAML routes use the component's credentials as they are: with every kind set, they
        // could not be created; the routes below keep one kind each
        "camel.main.routes-include-pattern=classpath:no-such-dir/*.yaml",
        "camel.main.dev-console-enabled=true",
        "camel.main.jmx-management-statistics-level=Extended",
        "camel.component.zendesk.max-retries=0",
        "management.endpoints.web.exposure.include=health,info,env,configprops,camelroutes,camel" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SecretsNotPrintedSpringBootTest {

    /** The secret values, by where they are set. */
    static final SecretScan SECRETS = new SecretScan("Sb");

    /**
     * The secrets of issue 15 beside SecretScan's: the token store's encryption key (a valid 24-byte AES key, on the
     * component and in a URI) and the client secret of a named account (zendesk.account.scan.*).
     */
    static final Map<String, String> MORE = Map.of(
            "component tokenEncryptionKey", aesKey("compTokenEncryptionKeySb87"),
            "uri tokenEncryptionKey", aesKey("uriTokenEncryptionKeySb97"),
            "named account clientSecret", "namedClientSecretSb75");

    static String aesKey(String recognisable) {
        return (recognisable + "A".repeat(32)).substring(0, 32);
    }

    /**
     * Outputs of Camel 4.17 that print values as given, whatever the key (as in camel-main, see the README's section
     * on secrets): the main-configuration and route-dump consoles.
     */
    static final Set<String> KNOWN_CAMEL_LEAKS = Set.of("console main-configuration", "console route-dump");

    static final HttpServer ZENDESK = SecretScan.refusingZendesk();

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        registry.add("camel.component.zendesk.base-url",
                () -> "http://127.0.0.1:" + ZENDESK.getAddress().getPort());
        registry.add("camel.component.zendesk.email", () -> SECRETS.secret("component email"));
        registry.add("camel.component.zendesk.api-token", () -> SECRETS.secret("component apiToken"));
        registry.add("camel.component.zendesk.oauth-token", () -> SECRETS.secret("component oauthToken"));
        registry.add("camel.component.zendesk.client-id", () -> SECRETS.secret("component clientId"));
        registry.add("camel.component.zendesk.client-secret", () -> SECRETS.secret("component clientSecret"));
        registry.add("camel.component.zendesk.signing-secret", () -> SECRETS.secret("component signingSecret"));
        registry.add("camel.component.zendesk.token-encryption-key", () -> MORE.get("component tokenEncryptionKey"));
        registry.add("zendesk.account.scan.client-id", () -> "named-client");
        registry.add("zendesk.account.scan.client-secret", () -> MORE.get("named account clientSecret"));
    }

    @AfterAll
    static void stopZendesk() {
        ZENDESK.stop(0);
    }

    @TestConfiguration
    static class SecretRoutes {
        @Bean
        RouteBuilder routesWithSecretsInTheirUris() {
            // each API endpoint keeps exactly one kind of credentials: the others are blanked in its URI
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:component").routeId("component-token")
                            .to("zendesk:users?operation=me" + ONLY_COMPONENT_TOKEN);
                    // a producer that fails on its own (logged by the error handler) and an export that fails
                    from("timer:hello?repeatCount=1").routeId("hello-ticket").setBody(constant("{}"))
                            .to("zendesk:tickets?operation=create" + ONLY_COMPONENT_TOKEN);
                    from("zendesk:tickets?stateInMemory=true" + ONLY_COMPONENT_TOKEN).routeId("ticket-changes")
                            .to("log:changes");
                    from("direct:token").routeId("uri-token").to("zendesk:users?operation=me" + SECRETS.uriToken());
                    from("direct:oauth").routeId("uri-oauth")
                            .to("zendesk:tickets?operation=get&id=1" + SECRETS.uriOauth());
                    from("direct:client").routeId("uri-client")
                            .to("zendesk:groups?operation=get&id=2" + SECRETS.uriClient());
                    // a named account of the Environment (zendesk.account.scan.*, its own OAuth client)
                    from("direct:named").routeId("named-account").to("zendesk:users?operation=me&account=scan");
                    // the authorization-code grant, its token store encrypted with the URI's key
                    from("direct:stored").routeId("uri-stored-grant").to("zendesk:users?operation=me"
                            + "&oauthGrant=authorizationCode&stateDirectory=target/secrets-scan-state"
                            + "&tokenEncryptionKey=RAW(" + MORE.get("uri tokenEncryptionKey") + ")" + SECRETS.uriClient());
                    from("zendesk:webhook?path=/hooks/component").routeId("component-hook").to("log:hook");
                    from("zendesk:webhook?path=/hooks/uri&signingSecret=" + SECRETS.secret("uri signingSecret"))
                            .routeId("uri-hook").to("log:hook");
                }
            };
        }
    }

    @Autowired
    CamelContext context;
    @Autowired
    TestRestTemplate http;

    @Test
    void nothingTheApplicationPrintsContainsASecret(CapturedOutput output) throws Exception {
        Map<String, String> printed = new LinkedHashMap<>();
        // the 401s, as the routes' callers see them
        for (String route : List.of("direct:component", "direct:token", "direct:oauth", "direct:client",
                "direct:named", "direct:stored")) {
            try {
                context.createProducerTemplate().requestBody(route, (Object) null);
                fail(route + " should have failed (a 401, or an account never connected)");
            } catch (Exception e) {
                printed.put("exception of " + route, SecretScan.stack(e));
            }
        }
        // the YAML routes' own calls (the hello ticket, the export's first poll) failed and were logged
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getAll().contains("Failed delivery for")
                && output.getAll().contains("Zendesk tickets export of route ticket-changes is failing"));

        // the actuator endpoints
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/env",
                "/actuator/configprops", "/actuator/camelroutes", "/actuator/info")) {
            ResponseEntity<String> answer = http.getForEntity(path, String.class);
            assertThat(answer.getStatusCode().value()).as(path).isIn(200, 503);
            printed.put("actuator " + path, answer.getBody());
        }
        assertThat(printed.get("actuator /actuator/health")).as("the health details")
                .contains("camelHealth", "\"http.response.code\":\"401\"");
        // Spring Boot's own sanitizer: with management.endpoint.env.show-values at its default (never), every value
        // of env and configprops is masked, whatever its key
        assertThat(printed.get("actuator /actuator/env")).as("Spring's env endpoint")
                .contains("camel.component.zendesk.api-token").contains("\"value\":\"******\"");
        // Camel's dev consoles, each as /actuator/camel/<id> prints it
        DevConsoleRegistry consoles = DevConsoleRegistry.get(context);
        List<String> ids = consoles.stream().map(DevConsole::getId).toList();
        assertThat(ids).contains("properties", "route", "endpoint", "health", "route-dump");
        for (String id : ids) {
            ResponseEntity<String> answer = http.getForEntity("/actuator/camel/" + id, String.class);
            printed.put("console " + id, answer.getStatusCode() + " " + answer.getBody());
        }
        // the JMX MBeans of the context
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:context="
                + context.getManagementName() + ",*"), null);
        assertThat(names).anyMatch(n -> "endpoints".equals(n.getKeyProperty("type")));
        for (ObjectName name : names) {
            StringBuilder sb = new StringBuilder();
            for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                try {
                    sb.append(a.getName()).append(" = ").append(server.getAttribute(name, a.getName())).append('\n');
                } catch (Exception | LinkageError e) {
                    // attributes that cannot be read (unsupported operations) print nothing
                }
            }
            printed.put("mbean " + name, sb.toString());
        }
        // everything written to the console since before the application started
        String[] lines = output.getAll().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            printed.put("console output line " + (i + 1), lines[i]);
        }

        List<String> leaks = new ArrayList<>();
        List<String> knownCamelLeaks = new ArrayList<>();
        printed.forEach((source, text) -> {
            boolean known = KNOWN_CAMEL_LEAKS.stream().anyMatch(source::equals);
            String where = source + (source.startsWith("console output") ? ": " + text : "");
            (known ? knownCamelLeaks : leaks).addAll(SECRETS.leaks(where, text));
            MORE.forEach((secret, value) -> {
                if (text != null && text.contains(value)) {
                    (known ? knownCamelLeaks : leaks).add(secret + " printed by " + where);
                }
            });
        });
        System.out.println("Outputs scanned: " + printed.size() + "; secrets printed by the known Camel 4.17 leaks: "
                           + knownCamelLeaks.size() + " " + knownCamelLeaks);
        assertThat(leaks).as("outputs with a secret").isEmpty();
    }

}
