package io.camelzendesk.component.realtime;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.emulator.WebhookConditions;
import io.camelzendesk.emulator.WebhookStats;
import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The realtime guarantee against the emulator delivering as Zendesk does at its worst: 20% of webhook deliveries
 * lost, 10% delivered twice, up to 1.5 s late, its circuit breaker on, and the application stopped for 10 s in
 * the middle of the run while tickets keep changing: long enough for the deliveries failing meanwhile to trip the
 * circuit breaker, which then drops what comes after the restart until its pause ends. Every change made during the run must reach the route (each
 * ticket's latest updated_at, compared with the emulator), each (id, version) exactly once; the delays from the
 * change to the route are printed per path. Half of the tickets change for the last time while the app is down:
 * their last version can only come from the export. A version overtaken before its webhook delivery read the
 * ticket is never routed on its own: the route receives the current object, the later version.
 */
class RealtimeGuaranteeTest {

    private static final int TICKETS = 25;
    private static final long RUN_MILLIS = 26_000;
    private static final long DOWN_FROM_MILLIS = 5_000;
    private static final long DOWN_FOR_MILLIS = 10_000;

    @TempDir
    Path state;

    private ZendeskEmulator zendesk;
    private CamelContext context;
    private int port;

    /** What the route received: id, version (epoch seconds), path, when. */
    record Received(long id, long version, String by, long atMillis) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (zendesk != null) {
            zendesk.close();
        }
    }

    @Test
    void everyChangeReachesTheRouteOnceThroughLossDuplicationAndDowntime() throws Exception {
        zendesk = ZendeskEmulator.builder().requestsPerMinute(0).incrementalRequestsPerMinute(10)
                .recentExclusion(Duration.ofSeconds(2)).webhookRetryBackoff(Duration.ofMillis(500))
                .webhookMaxAttempts(3).build();
        zendesk.start();
        zendesk.admin().setWebhookConditions(new WebhookConditions(0.2, 0.1, Duration.ZERO,
                Duration.ofMillis(1500), 42));
        zendesk.admin().setWebhookCircuitBreaker(true, Duration.ofSeconds(3));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long startTime = Instant.now().getEpochSecond() - 2;
        context = startApp(startTime);

        // the changes: tickets created, then updated at random, while the app runs, stops and starts again
        Map<String, Long> changedAt = new ConcurrentHashMap<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            ObjectNode t = zendesk.admin().createTicket(Map.of("subject", "ticket " + i, "comment",
                    Map.of("body", "created"), "status", "new"));
            ids.add(t.get("id").asLong());
            changedAt.putIfAbsent(t.get("id").asLong() + "@" + t.get("updated_at").asText(), System.currentTimeMillis());
        }
        Random random = new Random(7);
        String[] statuses = { "open", "pending", "hold", "open" };
        String[] priorities = { "low", "normal", "high", "urgent" };
        long begin = System.currentTimeMillis();
        AtomicBoolean down = new AtomicBoolean();
        int changes = TICKETS;
        long downAt = 0;
        long upAt = 0;
        while (System.currentTimeMillis() - begin < RUN_MILLIS) {
            long elapsed = System.currentTimeMillis() - begin;
            if (!down.get() && downAt == 0 && elapsed >= DOWN_FROM_MILLIS) {
                context.stop();
                downAt = System.currentTimeMillis();
                down.set(true);
            } else if (down.get() && elapsed >= DOWN_FROM_MILLIS + DOWN_FOR_MILLIS) {
                context = startApp(startTime);
                upAt = System.currentTimeMillis();
                down.set(false);
            }
            // after the downtime only the first half of the tickets changes: the last change of the others was made
            // while the app was down, and only the export can bring it
            long id = ids.get(random.nextInt(upAt == 0 ? ids.size() : ids.size() / 2));
            Map<String, Object> change = switch (random.nextInt(3)) {
                case 0 -> Map.of("status", statuses[random.nextInt(statuses.length)]);
                case 1 -> Map.of("priority", priorities[random.nextInt(priorities.length)]);
                default -> Map.of("subject", "changed " + random.nextInt(1000));
            };
            ObjectNode t = zendesk.admin().updateTicket(id, change);
            changedAt.putIfAbsent(id + "@" + t.get("updated_at").asText(), System.currentTimeMillis());
            changes++;
            Thread.sleep(60);
        }

        // every ticket's latest version reaches the route
        Map<Long, Long> latest = new TreeMap<>();
        for (long id : ids) {
            latest.put(id, Instant.parse(zendesk.admin().get("tickets", id).orElseThrow().get("updated_at").asText())
                    .getEpochSecond());
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> latest.entrySet()
                .stream().allMatch(e -> received.stream()
                        .anyMatch(r -> r.id() == e.getKey() && r.version() == e.getValue())));

        Map<String, Long> perVersion = received.stream()
                .collect(Collectors.groupingBy(r -> r.id() + "@" + r.version(), Collectors.counting()));
        assertThat(perVersion.values()).as("each (id, version) reached the route once").containsOnly(1L);
        for (Map.Entry<Long, Long> e : latest.entrySet()) {
            long newest = received.stream().filter(r -> r.id() == e.getKey()).mapToLong(Received::version).max()
                    .orElse(0);
            assertThat(newest).as("ticket %s", e.getKey()).isEqualTo(e.getValue());
        }
        // never an older version after a newer one, per ticket
        Map<Long, Long> last = new ConcurrentHashMap<>();
        for (Received r : received) {
            Long before = last.put(r.id(), r.version());
            assertThat(before == null || before < r.version()).as("ticket %s went back", r.id()).isTrue();
        }

        WebhookStats stats = zendesk.admin().webhookStats();
        long byWebhook = received.stream().filter(r -> "webhook".equals(r.by())).count();
        long byExport = received.size() - byWebhook;
        System.out.printf("realtime guarantee: %d changes to %d tickets in %d s (%d versions: updated_at has"
                          + " seconds), the app down %.1f s; %d versions reached the route (the others overtaken"
                          + " before they were read), %d by webhook (p50 %d ms, p99 %d ms) and %d by the"
                          + " export (p50 %d ms, p99 %d ms), 0 twice, none missing;"
                          + " the emulator: %d invocations, %d lost, %d duplicated, %d attempts (%d failed),"
                          + " %d circuit-breaker trips (%d deliveries dropped while open)%n",
                changes, TICKETS, RUN_MILLIS / 1000, changedAt.size(), (upAt - downAt) / 1000.0, received.size(),
                byWebhook,
                percentile(delays(changedAt, "webhook"), 50), percentile(delays(changedAt, "webhook"), 99), byExport,
                percentile(delays(changedAt, "export"), 50), percentile(delays(changedAt, "export"), 99),
                stats.invocations(), stats.lost(), stats.duplicated(), stats.attempts(), stats.failedAttempts(),
                stats.circuitBreakerTrips(), stats.droppedWhileOpen());
        assertThat(byWebhook).as("webhooks delivered most changes").isGreaterThan(0);
        assertThat(byExport).as("the export delivered what the webhooks lost").isGreaterThan(0);
        assertThat(stats.circuitBreakerTrips()).as("the circuit breaker tripped while the app was down").isPositive();
    }

    private CamelContext startApp(long startTime) throws Exception {
        CamelContext app = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        app.addService(new VertxPlatformHttpServer(conf));
        String uri = "zendesk:tickets?realtime=true&externalUrl=http://127.0.0.1:" + port
                     + "/zendesk/realtime/tickets&keepRegistration=true&baseUrl=" + zendesk.baseUrl() + "&email="
                     + ZendeskEmulator.ADMIN_EMAIL + "&apiToken=" + ZendeskEmulator.API_TOKEN + "&startTime="
                     + startTime + "&delay=500&stateDirectory=" + state;
        app.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("ticket-changes").process(e -> received.add(new Received(
                        e.getMessage().getHeader(ZendeskConstants.ID, Long.class),
                        Instant.parse(e.getMessage().getHeader(ZendeskConstants.UPDATED_AT, String.class))
                                .getEpochSecond(),
                        e.getMessage().getHeader(ZendeskConstants.DELIVERED_BY, String.class),
                        System.currentTimeMillis())));
            }
        });
        app.start();
        return app;
    }

    /** Milliseconds from each change (the first update that produced the version) to the route, for one path. */
    private List<Long> delays(Map<String, Long> changedAt, String by) {
        List<Long> out = new ArrayList<>();
        for (Received r : received) {
            Long at = changedAt.get(r.id() + "@" + Instant.ofEpochSecond(r.version()));
            if (by.equals(r.by()) && at != null) {
                out.add(r.atMillis() - at);
            }
        }
        return out;
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
