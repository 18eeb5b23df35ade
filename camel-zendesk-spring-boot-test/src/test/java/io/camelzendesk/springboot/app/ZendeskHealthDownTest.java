package io.camelzendesk.springboot.app;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelzendesk.emulator.ZendeskEmulator;
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
 * /actuator/health while Zendesk answers, then once it is gone: the account's readiness check turns DOWN, and so do
 * the overall status and the readiness probe; liveness stays UP (the Zendesk checks are readiness checks).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZendeskHealthDownTest {

    static final ZendeskEmulator ZENDESK = ZendeskEmulator.builder()
            .incrementalRequestsPerMinute(0).recentExclusion(Duration.ZERO).build();

    static {
        ZENDESK.start();
    }

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        EmulatorAccount.register(registry, ZENDESK, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        // the account check is a single probe; the export consumer's polls go through the client's retries, and
        // one retry keeps its failure (and this test) short
        registry.add("camel.component.zendesk.max-retries", () -> "1");
    }

    @AfterAll
    static void stopZendesk() {
        ZENDESK.close();
    }

    @Autowired
    TestRestTemplate http;

    final ObjectMapper json = new ObjectMapper();

    @Test
    @Order(1)
    void upWhileZendeskAnswers() throws Exception {
        // the export consumer's check has a position once it polled
        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(http.getForObject("/actuator/health", String.class))
                .path("components").path("camelHealth").path("details").path("zendesk-export-ticket-changes.data")
                .has("position"));
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode details = json.readTree(health.getBody()).path("components").path("camelHealth").path("details");
        assertThat(details.path(EmulatorAccount.accountCheck(details, ZENDESK.port())).asText()).isEqualTo("UP");
        assertThat(details.path("zendesk-export-ticket-changes").asText()).isEqualTo("UP");
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @Order(2)
    void downOnceZendeskIsUnreachable() throws Exception {
        int port = ZENDESK.port();
        ZENDESK.close();

        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        JsonNode body = json.readTree(health.getBody());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        JsonNode camel = body.path("components").path("camelHealth");
        assertThat(camel.path("status").asText()).isEqualTo("DOWN");
        String account = EmulatorAccount.accountCheck(camel.path("details"), port);
        assertThat(camel.path("details").path(account).asText()).isEqualTo("DOWN");
        assertThat(camel.path("details").path(account + ".data").path("error.stacktrace").asText())
                .startsWith("io.camelzendesk.client.ZendeskTransportException: GET /api/v2/users/me failed");

        // the readiness probe refuses traffic; liveness is not the Zendesk check's business
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(json.readTree(readiness.getBody()).path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        ResponseEntity<String> liveness = http.getForEntity("/actuator/health/liveness", String.class);
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);

        // and Camel's check of the export consumer reports its failed poll
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode details = json.readTree(http.getForObject("/actuator/health", String.class))
                    .path("components").path("camelHealth").path("details");
            assertThat(details.path("consumer:ticket-changes").asText()).isEqualTo("DOWN");
            assertThat(details.path("consumer:ticket-changes.data").toString())
                    .contains("/api/v2/incremental/tickets/cursor");
        });
    }
}
