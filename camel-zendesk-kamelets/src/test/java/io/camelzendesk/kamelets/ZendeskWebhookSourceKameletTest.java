package io.camelzendesk.kamelets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.junit.jupiter.api.Test;
import io.camelzendesk.emulator.WebhookSigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * zendesk-webhook-source over real HTTP (a platform-http server on a random loopback port): deliveries signed here
 * with javax.crypto as Zendesk signs them, and deliveries of the emulator to a webhook the kamelet registered.
 */
class ZendeskWebhookSourceKameletTest extends KameletTestSupport {

    private static final String SECRET = "dGhlIHNpZ25pbmcgc2VjcmV0";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private VertxPlatformHttpServer server;
    private MockEndpoint events;

    @Override
    void configure(CamelContext context) throws Exception {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(0);
        server = new VertxPlatformHttpServer(conf);
        context.addService(server);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:zendesk-webhook-source?signingSecret=" + SECRET + "&eventTypes=ticket.status_changed")
                        .to("mock:events");
            }
        });
        context.start();
        events = context.getEndpoint("mock:events", MockEndpoint.class);
    }

    @Test
    void aSignedDeliveryReachesTheSinkAsJsonWithTheEventHeaders() throws Exception {
        byte[] body = statusChanged(35436, "open", "solved");

        HttpResponse<String> response = post("/zendesk/webhook", body, signed(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(events.getReceivedExchanges()).singleElement().satisfies(e -> {
            JsonNode event = json(e);
            assertThat(event.get("type").asText()).isEqualTo("zen:event-type:ticket.status_changed");
            assertThat(event.at("/event/current").asText()).isEqualTo("solved");
            assertThat(e.getMessage().getHeaders()).containsEntry("CamelZendeskSubjectId", "35436")
                    .containsEntry("CamelZendeskEventType", "zen:event-type:ticket.status_changed");
        });
    }

    @Test
    void unsignedAndWronglySignedDeliveriesAreRefusedAndNeverReachTheSink() throws Exception {
        byte[] body = statusChanged(35436, "open", "solved");
        Map<String, String> forged = signed(body);
        forged.put("X-Zendesk-Webhook-Signature", sign("another secret", forged.get(
                "X-Zendesk-Webhook-Signature-Timestamp"), body));

        assertThat(post("/zendesk/webhook", body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("/zendesk/webhook", body, forged).statusCode()).isEqualTo(401);
        assertThat(events.getReceivedCounter()).isZero();
    }

    @Test
    void eventsOfOtherTypesAreAcknowledgedAndDropped() throws Exception {
        byte[] body = event("zen:event-type:ticket.created", 35436, "{}");

        assertThat(post("/zendesk/webhook", body, signed(body)).statusCode()).isEqualTo(200);
        assertThat(events.getReceivedCounter()).isZero();
    }

    @Test
    void aRegisteredWebhookDeliversATicketSolvedInZendesk() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:zendesk-webhook-source?autoRegister=true&path=/zendesk/solved&externalUrl=http://127.0.0.1:"
                     + server.getPort() + "/zendesk/solved&webhookName=kamelet-e2e&eventTypes=ticket.status_changed&"
                     + account()).to("mock:solved");
            }
        });
        assertThat(admin.list("webhooks")).extracting(w -> w.get("name").asText()).containsExactly("kamelet-e2e");
        MockEndpoint solved = context.getEndpoint("mock:solved", MockEndpoint.class);
        long id = createTicket("Printer on fire");

        admin.updateTicket(id, Map.of("status", "solved"));

        await().atMost(Duration.ofSeconds(30)).until(() -> solved.getReceivedCounter() == 1);
        Exchange e = solved.getReceivedExchanges().get(0);
        assertThat(json(e).get("subject").asText()).isEqualTo("zen:ticket:" + id);
        assertThat(e.getMessage().getHeader("CamelZendeskSubjectId")).isEqualTo(String.valueOf(id));
        assertThat(events.getReceivedCounter()).as("the other path").isZero();
    }

    @Test
    void aSignedTicketCreatedEventGetsAMacroThroughTheApplyMacroAction() throws Exception {
        long macro = admin.create("macros", Map.of("title", "Triage", "actions", List.of(
                Map.of("field", "priority", "value", "high"),
                Map.of("field", "current_tags", "value", "triaged")))).get("id").asLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:zendesk-webhook-source?path=/zendesk/new-tickets&eventTypes=ticket.created&signingSecret="
                     + SECRET)
                        .to("kamelet:zendesk-apply-macro-action?macroId=" + macro + "&" + account())
                        .to("mock:triaged");
            }
        });
        long id = createTicket("Printer on fire");
        byte[] body = event("zen:event-type:ticket.created", id, "{}");

        assertThat(post("/zendesk/new-tickets", body, signed(body)).statusCode()).isEqualTo(200);

        JsonNode saved = admin.get("tickets", id).orElseThrow();
        assertThat(saved.get("priority").asText()).isEqualTo("high");
        assertThat(saved.get("tags").toString()).contains("triaged");
        MockEndpoint triaged = context.getEndpoint("mock:triaged", MockEndpoint.class);
        assertThat(triaged.getReceivedExchanges()).singleElement().satisfies(e -> {
            assertThat(json(e).get("priority").asText()).isEqualTo("high");
            assertThat(e.getMessage().getHeader("CamelZendeskId", Long.class)).isEqualTo(id);
        });
    }

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The headers of a delivery signed as Zendesk signs: base64(HMAC-SHA256(secret, timestamp + body)). */
    private static Map<String, String> signed(byte[] body) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Zendesk-Webhook-Signature", sign(SECRET, timestamp, body));
        h.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        h.put("X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString());
        h.put("X-Zendesk-Webhook-Id", "01HWEBHOOK");
        h.put("X-Zendesk-Account-Id", "4242");
        return h;
    }

    private static String sign(String secret, String timestamp, byte[] body) {
        return WebhookSigning.sign(secret, timestamp, body);
    }

    private static byte[] statusChanged(long ticketId, String from, String to) {
        return event("zen:event-type:ticket.status_changed", ticketId,
                "{\"current\":\"" + to + "\",\"previous\":\"" + from + "\"}");
    }

    private static byte[] event(String type, long ticketId, String change) {
        return ("{\"account_id\":4242,\"detail\":{\"id\":\"" + ticketId + "\",\"subject\":\"Printer on fire\"},"
                + "\"event\":" + change + ",\"id\":\"" + UUID.randomUUID() + "\",\"subject\":\"zen:ticket:" + ticketId
                + "\",\"time\":\"2025-01-31T10:00:00Z\",\"type\":\"" + type + "\",\"zendesk_event_version\":"
                + "\"2022-11-06\"}").getBytes(StandardCharsets.UTF_8);
    }
}
