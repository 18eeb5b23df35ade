package io.camelzendesk.springboot.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.Ticket;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as it ships (application.properties, routes/zendesk-spring-boot.yaml), on a random port, its
 * Zendesk account given only through camel.component.zendesk.* (here: an emulator this test starts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = { "logging.level.io.camelzendesk=DEBUG", "logging.file.name=" + ZendeskSpringBootApplicationTest.LOG })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZendeskSpringBootApplicationTest {

    /*
     * Zendesk leaves records changed in the last minute out of exports; the emulator too, 2 s here instead of 60.
     * Not 0: the cursor is positioned on (second, id), so with no exclusion a ticket exported and changed again
     * within the same second would not come again (the agent's "open" below, right after the route's tag).
     */
    static final ZendeskEmulator ZENDESK = ZendeskEmulator.builder()
            .incrementalRequestsPerMinute(0).recentExclusion(Duration.ofSeconds(2)).build();

    /** The application's log: every line of this test class, start-up included. */
    static final String LOG = "target/logs/ZendeskSpringBootApplicationTest.log";

    static {
        ZENDESK.start();
        try {
            Files.deleteIfExists(Path.of(LOG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The access tokens the application sent (client-credentials grant). */
    static java.util.Set<String> accessTokens() {
        return ZENDESK.admin().requests().stream().filter(r -> r.path().startsWith("/api/"))
                .map(r -> r.header("authorization")).filter(a -> a != null && a.startsWith("Bearer "))
                .map(a -> a.substring("Bearer ".length())).collect(java.util.stream.Collectors.toSet());
    }

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        EmulatorAccount.register(registry, ZENDESK, ZendeskEmulator.OAUTH_CLIENT_SECRET);
    }

    @AfterAll
    static void stopZendesk() {
        ZENDESK.close();
    }

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    TicketChanges ticketChanges;
    @Autowired
    TestRestTemplate http;

    final ObjectMapper json = new ObjectMapper();

    @Test
    @Order(1)
    void theComponentIsConfiguredFromCamelComponentZendeskProperties() {
        ZendeskConfiguration config = camelContext.getComponent("zendesk", ZendeskComponent.class).getConfiguration();
        assertThat(config.getBaseUrl()).isEqualTo(ZENDESK.baseUrl());
        assertThat(config.getClientId()).isEqualTo(ZendeskEmulator.OAUTH_CLIENT_ID);
        assertThat(config.getClientSecret()).isEqualTo(ZendeskEmulator.OAUTH_CLIENT_SECRET);
        assertThat(config.getApiToken()).isNull();
        assertThat(config.getIncrementalRequestsPerMinute()).isZero();
        assertThat(config.isStateInMemory()).isTrue();
        assertThat(config.getMaxRetries()).as("a default").isEqualTo(5);

        // the routes' endpoints name no account: they got it from the component
        ZendeskEndpoint export = (ZendeskEndpoint) camelContext.getRoute("ticket-changes").getEndpoint();
        assertThat(export.getConfiguration().getBaseUrl()).isEqualTo(ZENDESK.baseUrl());
        assertThat(export.getEndpointUri()).doesNotContain(ZendeskEmulator.OAUTH_CLIENT_SECRET);

        // and the API requests Zendesk received carry the access token of the client-credentials grant
        await().atMost(Duration.ofSeconds(30)).until(() -> !accessTokens().isEmpty());
        assertThat(ZENDESK.admin().oauthStats().clientCredentials()).isPositive();
        assertThat(ZENDESK.admin().requests()).filteredOn(r -> r.path().startsWith("/api/"))
                .allSatisfy(r -> assertThat(r.header("authorization")).startsWith("Bearer "));
    }

    @Test
    @Order(2)
    void theHelloTicketRouteCreatedItsTicketAtStartUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ZENDESK.admin().list("tickets").stream()
                .anyMatch(t -> t.path("subject").asText().equals("Hello from Spring Boot")));
        JsonNode hello = ZENDESK.admin().list("tickets").stream()
                .filter(t -> t.path("subject").asText().equals("Hello from Spring Boot")).findFirst().orElseThrow();
        assertThat(hello.path("tags").toString()).contains("spring_boot");
        RecordedRequest create = ZENDESK.admin().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().startsWith("/api/v2/tickets")).findFirst().orElseThrow();
        assertThat(create.header("idempotency-key")).isEqualTo("spring-boot-hello");
    }

    @Test
    @Order(3)
    void theCreateTicketRouteCreatesATicket() {
        String requestId = "req-" + UUID.randomUUID();
        Ticket created = producer.requestBodyAndHeader("direct:create-ticket",
                Map.of("subject", "Printer on fire", "comment", Map.of("body", "Third floor."),
                        "requester", Map.of("name", "Ada Lovelace", "email", "ada@example.org")),
                "X-Request-Id", requestId, Ticket.class);

        assertThat(created.getId()).isPositive();
        assertThat(created.getSubject()).isEqualTo("Printer on fire");
        JsonNode stored = ZENDESK.admin().get("tickets", created.getId()).orElseThrow();
        assertThat(stored.path("subject").asText()).isEqualTo("Printer on fire");
        assertThat(stored.path("description").asText()).isEqualTo("Third floor.");
        assertThat(ZENDESK.admin().requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.header("idempotency-key")).isEqualTo(requestId);
        });
    }

    @Test
    @Order(4)
    void theExportRouteReceivesATicketChangedInZendesk() {
        // an agent creates a ticket in Zendesk, then opens it
        long id = ZENDESK.admin().createTicket(Map.of("subject", "Changed in Zendesk",
                "comment", Map.of("body", "Created by an agent."))).path("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketChanges.all().stream()
                .anyMatch(c -> c.id() == id && c.status().equals("new")));
        // the route tagged the new ticket: in Zendesk
        await().atMost(Duration.ofSeconds(30)).until(() -> ZENDESK.admin().get("tickets", id).orElseThrow()
                .path("tags").toString().contains("seen_by_spring_boot"));

        ZENDESK.admin().updateTicket(id, Map.of("status", "open"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketChanges.all().stream()
                .anyMatch(c -> c.id() == id && c.status().equals("open")));

        TicketChanges.Change opened = ticketChanges.all().stream()
                .filter(c -> c.id() == id && c.status().equals("open")).findFirst().orElseThrow();
        assertThat(opened.subject()).isEqualTo("Changed in Zendesk");
        assertThat(opened.tags()).contains("seen_by_spring_boot");
        assertThat(opened.updatedAt()).isNotBlank();
        assertThat(String.valueOf(opened.position())).startsWith("cursor");
        // the route's own change (the tag) was received too, and tagged nothing again
        assertThat(ZENDESK.admin().requests().stream()
                .filter(r -> r.path().startsWith("/api/v2/tickets/" + id + "/tags"))).hasSize(1);
    }

    @Test
    @Order(5)
    void theActuatorReportsTheZendeskChecksUp() throws Exception {
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(health.getBody());
        assertThat(body.path("status").asText()).isEqualTo("UP");

        JsonNode camel = body.path("components").path("camelHealth");
        assertThat(camel.path("status").asText()).isEqualTo("UP");
        String account = EmulatorAccount.accountCheck(camel.path("details"), ZENDESK.port());
        assertThat(camel.path("details").path(account).asText()).isEqualTo("UP");
        assertThat(camel.path("details").path(account + ".data").path("baseUrl").asText()).isEqualTo(ZENDESK.baseUrl());
        assertThat(camel.path("details").path("zendesk-export-ticket-changes").asText()).isEqualTo("UP");
        JsonNode export = camel.path("details").path("zendesk-export-ticket-changes.data");
        assertThat(export.path("resource").asText()).isEqualTo("tickets");
        assertThat(export.path("position").asText()).isNotBlank();
        // the last poll and its errors are Camel's own consumer check
        assertThat(camel.path("details").path("consumer:ticket-changes").asText()).isEqualTo("UP");
        assertThat(export.path("stateKey").asText()).isEqualTo("127.0.0.1:" + ZENDESK.port() + "/tickets/ticket-changes");

        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(readiness.getBody()).path("components").path("camelReadinessState")
                .path("status").asText()).isEqualTo("UP");

        assertThat(health.getBody() + readiness.getBody()).doesNotContain(ZendeskEmulator.OAUTH_CLIENT_SECRET);
        assertThat(accessTokens()).isNotEmpty().noneMatch((health.getBody() + readiness.getBody())::contains);
    }

    @Test
    @Order(6)
    void theClientSecretAndTheAccessTokensAreNeverLogged() throws IOException {
        String log = Files.readString(Path.of(LOG));
        assertThat(log).contains("Started ticket-changes (zendesk://tickets)");
        // DEBUG on io.camelzendesk logs every request: still no credentials
        assertThat(log).contains("GET /api/v2/incremental/tickets/cursor.json -> 200");
        assertThat(log).contains("POST /api/v2/tickets -> 201");
        assertThat(log).doesNotContain(ZendeskEmulator.OAUTH_CLIENT_SECRET);
        assertThat(accessTokens()).isNotEmpty().noneMatch(log::contains);
    }
}
