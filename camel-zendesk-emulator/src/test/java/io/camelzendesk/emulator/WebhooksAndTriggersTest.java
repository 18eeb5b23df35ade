package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks API, event-subscribed deliveries, trigger notifications, signatures and retries. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0, webhookRetryBackoffMillis = 20)
class WebhooksAndTriggersTest {
    Receiver receiver;
    Api api;

    @BeforeEach
    void setUp(@EmulatorBaseUrl String base) {
        receiver = new Receiver();
        api = new Api(base);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** Zendesk's documented scheme, computed independently: base64(HMAC-SHA256(secret, timestamp + body)). */
    static String hmac(String secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private String createWebhook(String subscriptionsJson) {
        Api.Res r = api.post("/api/v2/webhooks", "{\"webhook\":{\"name\":\"test\",\"endpoint\":\"" + receiver.url("/hook")
                + "\",\"http_method\":\"POST\",\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":" + subscriptionsJson
                + ",\"authentication\":{\"type\":\"bearer_token\",\"data\":{\"token\":\"s3cr3t\"},\"add_position\":\"header\"}}}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("webhook").get("authentication").has("data")).isFalse();
        return r.json().get("webhook").get("id").asText();
    }

    @Test
    void webhooksApi() {
        String id = createWebhook("[\"zen:event-type:user.created\"]");
        assertThat(api.get("/api/v2/webhooks").json().get("webhooks")).hasSize(1);
        assertThat(api.get("/api/v2/webhooks/" + id).json().get("webhook").get("endpoint").asText()).isEqualTo(receiver.url("/hook"));
        JsonNode secret = api.get("/api/v2/webhooks/" + id + "/signing_secret").json().get("signing_secret");
        assertThat(secret.get("algorithm").asText()).isEqualTo("SHA256");
        String reset = api.post("/api/v2/webhooks/" + id + "/signing_secret", null).json().get("signing_secret").get("secret").asText();
        assertThat(reset).isNotEqualTo(secret.get("secret").asText());
        Api.Res mixed = api.post("/api/v2/webhooks", "{\"webhook\":{\"name\":\"x\",\"endpoint\":\"http://127.0.0.1:1/x\",\"http_method\":\"POST\","
                + "\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"conditional_ticket_events\",\"zen:event-type:user.created\"]}}");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(api.delete("/api/v2/webhooks/" + id).status()).isEqualTo(204);
        Api.Res gone = api.get("/api/v2/webhooks/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("errors").get(0).get("code").asText()).isEqualTo("WebhookNotFound");
    }

    @Test
    void eventWebhookDeliveryIsSignedAsZendeskSignsIt(EmulatorAdmin admin) throws Exception {
        String id = createWebhook("[\"zen:event-type:ticket.created\",\"zen:event-type:ticket.status_changed\",\"zen:event-type:ticket.comment_added\"]");
        String secret = api.get("/api/v2/webhooks/" + id + "/signing_secret").json().get("signing_secret").get("secret").asText();
        long ticket = api.post("/api/v2/tickets.json", "{\"ticket\":{\"subject\":\"hooked\",\"comment\":{\"body\":\"hi\"}}}").json()
                .get("ticket").get("id").asLong();
        api.put("/api/v2/tickets/" + ticket, "{\"ticket\":{\"status\":\"open\"}}");

        List<Receiver.Hit> hits = receiver.await(3, 5000);
        assertThat(hits).hasSize(3);
        for (Receiver.Hit h : hits) {
            String ts = h.header("X-Zendesk-Webhook-Signature-Timestamp");
            assertThat(Instant.parse(ts)).isNotNull();
            assertThat(h.header("X-Zendesk-Webhook-Signature")).isEqualTo(hmac(secret, ts, h.body()));
            assertThat(h.header("X-Zendesk-Webhook-Id")).isEqualTo(id);
            assertThat(h.header("X-Zendesk-Account-Id")).matches("\\d+");
            assertThat(h.header("X-Zendesk-Webhook-Invocation-Id")).isNotBlank();
            assertThat(h.header("Authorization")).isEqualTo("Bearer s3cr3t");
            assertThat(h.header("Content-Type")).startsWith("application/json");
        }
        JsonNode created = hits.stream().map(h -> parse(h.text())).filter(j -> j.get("type").asText().equals("zen:event-type:ticket.created"))
                .findFirst().orElseThrow();
        for (String f : List.of("type", "account_id", "id", "time", "zendesk_event_version", "subject", "detail", "event")) {
            assertThat(created.has(f)).as(f).isTrue();
        }
        assertThat(created.get("subject").asText()).isEqualTo("zen:ticket:" + ticket);
        assertThat(created.get("detail").get("id").asText()).isEqualTo(String.valueOf(ticket));
        JsonNode status = hits.stream().map(h -> parse(h.text())).filter(j -> j.get("type").asText().endsWith("status_changed"))
                .findFirst().orElseThrow();
        assertThat(status.get("event").get("current").asText()).isEqualTo("OPEN");
        assertThat(status.get("event").get("previous").asText()).isEqualTo("NEW");
        assertThat(admin.deliveries()).hasSize(3).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    }

    @Test
    void userAndOrganizationEvents(EmulatorAdmin admin) throws Exception {
        createWebhook("[\"zen:event-type:user.created\",\"zen:event-type:organization.created\"]");
        admin.createUser(Map.of("name", "Hooky", "email", "hooky@example.org"));
        api.post("/api/v2/organizations.json", "{\"organization\":{\"name\":\"Hook Org\"}}");
        List<Receiver.Hit> hits = receiver.await(2, 5000);
        assertThat(hits).extracting(h -> parse(h.text()).get("type").asText())
                .containsExactlyInAnyOrder("zen:event-type:user.created", "zen:event-type:organization.created");
    }

    @Test
    void triggerNotifiesWebhookWhenStatusChangesToSolved(EmulatorAdmin admin) throws Exception {
        String hook = api.post("/api/v2/webhooks", "{\"webhook\":{\"name\":\"solved\",\"endpoint\":\"" + receiver.url("/solved")
                + "\",\"http_method\":\"POST\",\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"conditional_ticket_events\"]}}")
                .json().get("webhook").get("id").asText();
        String template = "{\\\"id\\\":\\\"{{ticket.id}}\\\",\\\"status\\\":\\\"{{ticket.status}}\\\",\\\"title\\\":\\\"{{ticket.title}}\\\","
                + "\\\"priority\\\":\\\"{{ticket.priority}}\\\",\\\"email\\\":\\\"{{ticket.requester.email}}\\\","
                + "\\\"org\\\":\\\"{{ticket.organization.name}}\\\",\\\"tags\\\":\\\"{{ticket.tags}}\\\"}";
        Api.Res trig = api.post("/api/v2/triggers.json", "{\"trigger\":{\"title\":\"Notify on solve\",\"conditions\":{\"all\":["
                + "{\"field\":\"status\",\"operator\":\"changed\"},{\"field\":\"status\",\"operator\":\"value\",\"value\":\"solved\"}],\"any\":[]},"
                + "\"actions\":[{\"field\":\"notification_webhook\",\"value\":[\"" + hook + "\",\"" + template + "\"]},"
                + "{\"field\":\"current_tags\",\"value\":\"notified\"}]}}");
        assertThat(trig.status()).isEqualTo(201);

        long org = admin.createOrganization(Map.of("name", "Solved \"Inc\"")).get("id").asLong();
        long user = admin.createUser(Map.of("name", "Req", "email", "req@example.org", "organization_id", org)).get("id").asLong();
        long ticket = api.post("/api/v2/tickets.json", "{\"ticket\":{\"subject\":\"Fix me\",\"priority\":\"high\",\"requester_id\":" + user
                + ",\"tags\":[\"a\"],\"comment\":{\"body\":\"x\"}}}").json().get("ticket").get("id").asLong();
        api.put("/api/v2/tickets/" + ticket, "{\"ticket\":{\"status\":\"pending\"}}");
        assertThat(receiver.await(1, 300)).isEmpty();

        JsonNode solved = api.put("/api/v2/tickets/" + ticket, "{\"ticket\":{\"status\":\"solved\"}}").json().get("ticket");
        assertThat(solved.get("tags")).extracting(JsonNode::asText).contains("notified");
        List<Receiver.Hit> hits = receiver.await(1, 5000);
        assertThat(hits).hasSize(1);
        JsonNode body = parse(hits.get(0).text());
        assertThat(body.get("id").asText()).isEqualTo(String.valueOf(ticket));
        assertThat(body.get("status").asText()).isEqualTo("Solved");
        assertThat(body.get("title").asText()).isEqualTo("Fix me");
        assertThat(body.get("priority").asText()).isEqualTo("High");
        assertThat(body.get("email").asText()).isEqualTo("req@example.org");
        assertThat(body.get("org").asText()).isEqualTo("Solved \"Inc\"");
        assertThat(body.get("tags").asText()).contains("a").contains("notified");
        assertThat(hits.get(0).header("X-Zendesk-Webhook-Signature")).isNotBlank();

        // an agent change through the admin handle fires triggers too
        long other = admin.createTicket(Map.of("subject", "Other", "comment", Map.of("body", "x"))).get("id").asLong();
        admin.updateTicket(other, Map.of("status", "solved"));
        assertThat(receiver.await(2, 5000)).hasSize(2);
    }

    @Test
    void triggerConditionsOnCreateTagsAndPriority(EmulatorAdmin admin) throws Exception {
        String hook = api.post("/api/v2/webhooks", "{\"webhook\":{\"name\":\"c\",\"endpoint\":\"" + receiver.url("/c")
                + "\",\"http_method\":\"POST\",\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"conditional_ticket_events\"]}}")
                .json().get("webhook").get("id").asText();
        api.post("/api/v2/triggers.json", "{\"trigger\":{\"title\":\"urgent vip created\",\"conditions\":{\"all\":["
                + "{\"field\":\"update_type\",\"operator\":\"is\",\"value\":\"Create\"},{\"field\":\"priority\",\"operator\":\"is\",\"value\":\"urgent\"}],"
                + "\"any\":[{\"field\":\"current_tags\",\"operator\":\"includes\",\"value\":\"vip gold\"}]},"
                + "\"actions\":[{\"field\":\"notification_webhook\",\"value\":[\"" + hook + "\",\"{\\\"t\\\":{{ticket.id}}}\"]}]}}");
        admin.createTicket(Map.of("subject", "a", "comment", Map.of("body", "x"), "priority", "urgent", "tags", List.of("vip")));
        admin.createTicket(Map.of("subject", "b", "comment", Map.of("body", "x"), "priority", "low", "tags", List.of("vip")));
        admin.createTicket(Map.of("subject", "c", "comment", Map.of("body", "x"), "priority", "urgent"));
        long d = admin.createTicket(Map.of("subject", "d", "comment", Map.of("body", "x"), "priority", "urgent", "tags", List.of("gold"))).get("id").asLong();
        admin.updateTicket(d, Map.of("priority", "high"));
        List<Receiver.Hit> hits = receiver.await(3, 1000);
        assertThat(hits).hasSize(2);
    }

    @Test
    void failedDeliveriesAreRetriedWithTheSameInvocationId(EmulatorAdmin admin) throws Exception {
        createWebhook("[\"zen:event-type:user.created\"]");
        receiver.failNext.set(2);
        admin.createUser(Map.of("name", "Retry", "email", "retry@example.org"));
        List<Receiver.Hit> hits = receiver.await(3, 5000);
        assertThat(hits).hasSize(3);
        assertThat(hits).extracting(h -> h.header("X-Zendesk-Webhook-Invocation-Id")).containsOnly(hits.get(0).header("X-Zendesk-Webhook-Invocation-Id"));
        List<WebhookDelivery> deliveries = admin.awaitDeliveries(3, Duration.ofSeconds(5));
        assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(500, 500, 200);
        assertThat(deliveries).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);

        receiver.failNext.set(1);
        receiver.failStatus = 400;
        admin.createUser(Map.of("name", "NoRetry", "email", "noretry@example.org"));
        Thread.sleep(300);
        assertThat(receiver.hits()).hasSize(4); // a 4xx is not retried
    }

    private static JsonNode parse(String s) {
        try {
            return Api.M.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }
}
