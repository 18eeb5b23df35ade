package io.camelzendesk.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.camelzendesk.emulator.WebhookSigning;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three webhook replicas behind a "load balancer" (this test), sharing Camel's JDBC idempotent repository in
 * PostgreSQL. Each delivery reaches several replicas, one after the other and at the same time, and is retried, as
 * Zendesk does, until one answers 200: every event is routed exactly once.
 */
class WebhookReplicasTest {

    static final String SECRET = "replica-secret";
    static final int EVENTS = 60;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aDeliveryRepeatedAcrossReplicasIsProcessedOnce() throws Exception {
        try (ClusterSupport cluster = new ClusterSupport(dir)) {
            List<Integer> ports = new ArrayList<>();
            for (String name : List.of("web-a", "web-b", "web-c")) {
                int port = freePort();
                ports.add(port);
                cluster.start(name, Map.of("mode", "webhook", "port", String.valueOf(port), "secret", SECRET,
                        "jdbcUrl", cluster.jdbcUrl(), "routeMillis", "50"));
            }
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String eventId = "evt-" + i;
                byte[] body = event(eventId, 1000 + i);
                String invocation = "inv-" + i;
                int first = i % 3;
                if (i % 2 == 0) {
                    // the same delivery to all three replicas at once (a retry racing the first attempt)
                    for (int r = 0; r < 3; r++) {
                        all.add(deliverUntilAccepted(ports, (first + r) % 3, body, invocation, statuses));
                    }
                } else {
                    // delivered, then delivered again to the next replica once the first answered
                    all.add(deliverUntilAccepted(ports, first, body, invocation, statuses)
                            .thenCompose(v -> deliverUntilAccepted(ports, (first + 1) % 3, body, invocation, statuses)));
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();

            List<List<String>> perEvent = cluster.query("SELECT record_id, count(*) FROM processed GROUP BY record_id");
            assertThat(perEvent).hasSize(EVENTS);
            assertThat(perEvent).allSatisfy(row -> assertThat(row.get(1)).as(row.get(0)).isEqualTo("1"));
            List<List<String>> byNode = cluster.query("SELECT node, count(*) FROM processed GROUP BY node ORDER BY node");
            assertThat(byNode).as("the work was spread over the replicas").hasSizeGreaterThan(1);
            System.out.println("webhook replicas: " + EVENTS + " events, " + (EVENTS / 2 * 3 + EVENTS / 2 * 2)
                               + " deliveries, routed once each; per replica " + byNode + "; answers " + statuses);
        }
    }

    /** Posts to one replica, then to the next while the answer is not 200, as Zendesk's retries would. */
    private CompletableFuture<Void> deliverUntilAccepted(List<Integer> ports, int replica, byte[] body,
            String invocation, Map<Integer, AtomicInteger> statuses) {
        return post(ports.get(replica), body, invocation).thenCompose(response -> {
            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 200) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .thenCompose(v -> deliverUntilAccepted(ports, (replica + 1) % ports.size(), body, invocation, statuses));
        });
    }

    private CompletableFuture<HttpResponse<String>> post(int port, byte[] body, String invocation) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/zendesk/webhook"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Zendesk-Webhook-Signature", WebhookSigning.sign(SECRET, timestamp, body))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Invocation-Id", invocation)
                .header("X-Zendesk-Webhook-Id", "01HREPLICAS")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] event(String eventId, long ticketId) {
        return ("{\"account_id\":4242,\"detail\":{\"id\":\"" + ticketId + "\",\"status\":\"SOLVED\"},\"event\":"
                + "{\"current\":\"SOLVED\",\"previous\":\"OPEN\"},\"id\":\"" + eventId + "\",\"subject\":\"zen:ticket:"
                + ticketId + "\",\"time\":\"2025-01-31T10:00:00Z\",\"type\":\"zen:event-type:ticket.status_changed\","
                + "\"zendesk_event_version\":\"2022-11-06\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
