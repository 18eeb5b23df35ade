package io.camelzendesk.springboot.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;


import io.camelzendesk.emulator.ZendeskEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.camelzendesk.emulator.WebhookSigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook consumer in Spring Boot: platform-http on the application's port (camel-platform-http-starter), a
 * YAML route, deliveries signed here the way Zendesk signs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.routes-include-pattern=classpath:webhook-routes/*.yaml",
        "zendesk.webhook.secret=" + ZendeskWebhookSpringBootTest.SECRET })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ZendeskWebhookSpringBootTest {

    static final String SECRET = "spring-webhook-secret";
    static final ZendeskEmulator ZENDESK = ZendeskEmulator.builder().build();

    static {
        ZENDESK.start();
    }

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        registry.add("camel.component.zendesk.base-url", ZENDESK::baseUrl);
        registry.add("camel.component.zendesk.client-id", () -> ZendeskEmulator.OAUTH_CLIENT_ID);
        registry.add("camel.component.zendesk.client-secret", () -> ZendeskEmulator.OAUTH_CLIENT_SECRET);
    }

    @AfterAll
    static void stopZendesk() {
        ZENDESK.close();
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void aSignedDeliveryReachesTheRouteAndAnUnsignedOneIsRefused() {
        long ticket = ZENDESK.admin().createTicket(Map.of("subject", "Webhook in Spring Boot",
                "description", "delivered to the application's port")).get("id").asLong();
        byte[] body = ("{\"account_id\":4242,\"detail\":{\"id\":\"" + ticket + "\",\"status\":\"OPEN\"},"
                       + "\"event\":{\"current\":\"OPEN\",\"previous\":\"NEW\"},\"id\":\"evt-sb-1\",\"subject\":\"zen:ticket:"
                       + ticket + "\",\"time\":\"2025-01-31T10:00:00Z\",\"type\":\"zen:event-type:ticket.status_changed\","
                       + "\"zendesk_event_version\":\"2022-11-06\"}").getBytes(StandardCharsets.UTF_8);

        ResponseEntity<String> unsigned = http.postForEntity("/zendesk/webhook", request(body, null), String.class);
        assertThat(unsigned.getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> signed = http.postForEntity("/zendesk/webhook", request(body, SECRET), String.class);
        assertThat(signed.getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ZENDESK.admin().get("tickets", ticket).orElseThrow()
                .get("tags").toString().contains("webhook_seen"));

        ResponseEntity<String> forged = http.postForEntity("/zendesk/webhook", request(body, "not-the-secret"),
                String.class);
        assertThat(forged.getStatusCode().value()).isEqualTo(401);
    }

    private static HttpEntity<byte[]> request(byte[] body, String secret) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (secret != null) {
            String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            headers.set("X-Zendesk-Webhook-Signature", WebhookSigning.sign(secret, timestamp, body));
            headers.set("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
            headers.set("X-Zendesk-Webhook-Invocation-Id", "inv-" + System.nanoTime());
        }
        return new HttpEntity<>(body, headers);
    }

}
