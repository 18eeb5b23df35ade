package io.camelzendesk.springboot.app;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelzendesk.emulator.ZendeskEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A token Zendesk refuses: the account's check is DOWN with the status and Zendesk's error, and the token appears
 * neither in the actuator's answer nor in the logs (the failing routes log their 401s).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "logging.level.io.camelzendesk=DEBUG")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ZendeskWrongCredentialsTest {

    static final String WRONG_TOKEN = "revoked-" + UUID.randomUUID();

    static final ZendeskEmulator ZENDESK = ZendeskEmulator.builder()
            .incrementalRequestsPerMinute(0).recentExclusion(Duration.ZERO).build();

    static {
        ZENDESK.start();
    }

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        EmulatorAccount.registerApiToken(registry, ZENDESK, WRONG_TOKEN);
    }

    @AfterAll
    static void stopZendesk() {
        ZENDESK.close();
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void theAccountCheckIsDownWithZendesksAnswerAndTheTokenIsNowhere(CapturedOutput output) throws Exception {
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        JsonNode camel = new ObjectMapper().readTree(health.getBody()).path("components").path("camelHealth");
        String account = EmulatorAccount.accountCheck(camel.path("details"), ZENDESK.port());
        assertThat(camel.path("status").asText()).isEqualTo("DOWN");
        assertThat(camel.path("details").path(account).asText()).isEqualTo("DOWN");
        JsonNode data = camel.path("details").path(account + ".data");
        assertThat(data.path("http.response.code").asText()).isEqualTo("401");
        assertThat(data.path("zendesk.error").asText()).isEqualTo("Couldn't authenticate you");
        assertThat(data.path("error.stacktrace").asText()).startsWith("io.camelzendesk.client.ZendeskAuthenticationException");

        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        // the routes failed against Zendesk (the hello ticket's create, the export's polls) and logged it; the
        // export in one line, with no stack trace, and it backs off
        await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains("Failed delivery for")
                && output.getAll().contains("Zendesk tickets export of route ticket-changes is failing"));
        assertThat(ZENDESK.admin().requests()).anySatisfy(r -> assertThat(r.path()).startsWith("/api/v2/tickets"));
        assertThat(ZENDESK.admin().requests())
                .anySatisfy(r -> assertThat(r.path()).startsWith("/api/v2/incremental/tickets/cursor"));

        assertThat(health.getBody() + readiness.getBody()).doesNotContain(WRONG_TOKEN);
        assertThat(output.getAll()).doesNotContain(WRONG_TOKEN);
    }
}
