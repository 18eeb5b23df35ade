package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook deliveries as lossy as Zendesk's: lost, duplicated and reordered invocations, and each webhook's circuit
 * breaker (70% failures within five minutes, a pause, one trial).
 */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0, webhookRetryBackoffMillis = 20)
class WebhookConditionsTest {
    Receiver receiver;
    Api api;

    @BeforeEach
    void setUp(@EmulatorBaseUrl String base) {
        receiver = new Receiver();
        api = new Api(base);
        createWebhook();
    }

    private void createWebhook() {
        Api.Res r = api.post("/api/v2/webhooks", "{\"webhook\":{\"name\":\"events\",\"endpoint\":\"" + receiver.url("/hook")
                + "\",\"http_method\":\"POST\",\"request_format\":\"json\",\"status\":\"active\","
                + "\"subscriptions\":[\"zen:event-type:user.created\"]}}");
        assertThat(r.status()).isEqualTo(201);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private static void createUsers(EmulatorAdmin admin, int n, String prefix) {
        for (int i = 0; i < n; i++) {
            admin.createUser(Map.of("name", prefix + i, "email", prefix + i + "@example.org"));
        }
    }

    @Test
    void lostInvocationsAreNeverSentAndTheRestArriveOnce(EmulatorAdmin admin) throws Exception {
        admin.setWebhookConditions(new WebhookConditions(0.2, 0, Duration.ZERO, Duration.ZERO, 42));
        createUsers(admin, 200, "lossy");
        waitUntil(Duration.ofSeconds(20), () -> admin.pendingDeliveries() == 0);
        WebhookStats stats = admin.webhookStats();
        assertThat(stats.invocations()).isEqualTo(200);
        assertThat(stats.lost()).as("about a fifth lost").isBetween(20L, 60L);
        assertThat(receiver.hits()).hasSize((int) (200 - stats.lost()));
        assertThat(eventIds(receiver.hits())).doesNotHaveDuplicates();
    }

    @Test
    void aDuplicateIsTheSameEventUnderAnotherInvocationId(EmulatorAdmin admin) throws Exception {
        admin.setWebhookConditions(new WebhookConditions(0, 1, Duration.ZERO, Duration.ZERO, 1));
        createUsers(admin, 5, "twice");
        List<Receiver.Hit> hits = receiver.await(10, 10_000);
        assertThat(hits).hasSize(10);
        Map<String, List<String>> invocationsByEvent = new HashMap<>();
        for (Receiver.Hit h : hits) {
            invocationsByEvent.computeIfAbsent(parse(h.text()).get("id").asText(), k -> new ArrayList<>())
                    .add(h.header("X-Zendesk-Webhook-Invocation-Id"));
        }
        assertThat(invocationsByEvent).hasSize(5)
                .allSatisfy((event, invocations) -> assertThat(invocations).hasSize(2).doesNotHaveDuplicates());
        assertThat(admin.webhookStats().duplicated()).isEqualTo(5);
    }

    @Test
    void delaysReorderTheInvocations(EmulatorAdmin admin) throws Exception {
        admin.setWebhookConditions(new WebhookConditions(0, 0, Duration.ZERO, Duration.ofMillis(400), 7));
        createUsers(admin, 20, "late");
        List<Receiver.Hit> hits = receiver.await(20, 10_000);
        assertThat(hits).hasSize(20);
        List<String> names = hits.stream().map(h -> parse(h.text()).path("detail").path("email").asText()).toList();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add("late" + i + "@example.org");
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(created).isNotEqualTo(created);
    }

    @Test
    void theCircuitBreakerOpensOnFailuresDropsWhileOpenAndClosesOnASuccessfulTrial(EmulatorAdmin admin)
            throws Exception {
        admin.setWebhookCircuitBreaker(true, Duration.ofSeconds(3));
        receiver.failStatus = 400; // not retried: one attempt per invocation
        receiver.failNext.set(1_000_000);
        createUsers(admin, 10, "down");
        waitUntil(Duration.ofSeconds(10), () -> admin.webhookStats().circuitBreakerTrips() == 1);
        int sent = receiver.hits().size();
        assertThat(sent).isEqualTo(10);

        createUsers(admin, 5, "dropped"); // open: nothing goes out
        waitUntil(Duration.ofSeconds(5), () -> admin.webhookStats().droppedWhileOpen() == 5);
        assertThat(receiver.hits()).hasSize(sent);

        receiver.failNext.set(0); // the endpoint is back
        Thread.sleep(3_100); // the pause is over: the next invocation is the trial
        createUsers(admin, 1, "trial");
        receiver.await(sent + 1, 5_000);
        waitUntil(Duration.ofSeconds(5), () -> admin.pendingDeliveries() == 0); // its answer is in: closed
        createUsers(admin, 3, "after");
        List<Receiver.Hit> hits = receiver.await(sent + 4, 5_000);
        assertThat(hits).hasSize(sent + 4);
        assertThat(admin.webhookStats().circuitBreakerTrips()).isEqualTo(1);
    }

    @Test
    void resetRestoresReliableDelivery(EmulatorAdmin admin) throws Exception {
        admin.setWebhookConditions(new WebhookConditions(1, 0, Duration.ZERO, Duration.ZERO, 3));
        createUsers(admin, 3, "gone");
        assertThat(admin.webhookStats().lost()).isEqualTo(3);
        admin.reset();
        assertThat(admin.webhookStats()).isEqualTo(new WebhookStats(0, 0, 0, 0, 0, 0, 0));
        createWebhook(); // reset removed it
        createUsers(admin, 2, "back");
        assertThat(receiver.await(2, 5_000)).hasSize(2);
    }

    @Test
    void conditionsAreValidated() {
        assertThatThrownBy(() -> new WebhookConditions(1.5, 0, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probabilities");
        assertThatThrownBy(() -> new WebhookConditions(0, 0, Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minDelay");
    }

    private static void waitUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static List<String> eventIds(List<Receiver.Hit> hits) {
        return hits.stream().map(h -> parse(h.text()).get("id").asText()).toList();
    }

    private static JsonNode parse(String s) {
        try {
            return Api.M.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }
}
