package io.camelzendesk.component;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.Fault;
import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.Ticket;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The incremental export consumer against the emulator: backfills, crashes and resumes, rate limits. */
class ZendeskExportEmulatorTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private ZendeskEmulator emulator;
    private EmulatorAdmin admin;
    private CamelContext context;
    private final List<Ticket> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEmulator() {
        emulator = ZendeskEmulator.builder().requestsPerMinute(0).incrementalRequestsPerMinute(0)
                .recentExclusion(Duration.ZERO).build();
        emulator.start();
        admin = emulator.admin();
    }

    @AfterEach
    void stopAll() {
        if (context != null) {
            context.stop();
        }
        emulator.close();
    }

    private void startRoute(Processor step) throws Exception {
        context = new DefaultCamelContext();
        String uri = "zendesk:tickets?baseUrl=" + emulator.baseUrl() + "&email=" + ZendeskEmulator.ADMIN_EMAIL
                     + "&apiToken=" + ZendeskEmulator.API_TOKEN + "&startTime=0&perPage=1000&delay=200&initialDelay=0"
                     + "&incrementalRequestsPerMinute=0&stateDirectory=" + stateDir;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("backfill").process(step).process(e -> received.add(e.getMessage().getBody(Ticket.class)));
            }
        });
        context.start();
    }

    private long exportRequests() {
        return admin.requests().stream().filter(r -> r.path().startsWith("/api/v2/incremental/tickets")).count();
    }

    @Test
    void backfillOf5000TicketsInPagesOf1000ArrivesCompleteAndInOrder() throws Exception {
        List<Long> ids = admin.bulkLoadTickets(5000, T0, Duration.ofSeconds(1));
        startRoute(e -> {
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 5000);
        Thread.sleep(500);
        assertThat(received).extracting(Ticket::getId).containsExactlyElementsOf(ids);
        // 5 pages of 1,000 and the empty end-of-stream page; later polls only ask for what is new
        List<RecordedRequest> export = admin.requests().stream()
                .filter(r -> r.path().startsWith("/api/v2/incremental/tickets")).toList();
        assertThat(export.get(0).query()).contains("start_time=0").contains("per_page=1000");
        assertThat(export.subList(1, export.size())).allSatisfy(r -> assertThat(r.query()).contains("cursor="));
    }

    @Test
    void aCrashMidBackfillResumesWithNothingSkipped() throws Exception {
        admin.bulkLoadTickets(5000, T0, Duration.ofSeconds(1));
        AtomicBoolean crashed = new AtomicBoolean();
        startRoute(e -> {
            if (e.getMessage().getBody(Ticket.class).getId() == 2500 && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("downstream outage at record 2500");
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(crashed::get);
        context.stop();
        int beforeRestart = received.size();
        assertThat(beforeRestart).isLessThan(5000);

        // while the route was down, agents changed some tickets (already processed and not yet processed ones)
        Map<Long, String> latestSubject = new HashMap<>();
        for (long id : new long[] { 10, 2400, 2501, 4999 }) {
            admin.updateTicket(id, Map.of("subject", "changed while down " + id));
            latestSubject.put(id, "changed while down " + id);
        }

        startRoute(e -> {
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().map(Ticket::getId).distinct().count() >= 5000
                && received.stream().filter(t -> t.getSubject().startsWith("changed while down")).count() >= 4);
        Thread.sleep(500);

        Map<Long, Ticket> last = new HashMap<>();
        Map<Long, Integer> deliveries = new HashMap<>();
        for (Ticket t : received) {
            last.put(t.getId(), t);
            deliveries.merge(t.getId(), 1, Integer::sum);
        }
        assertThat(last).hasSize(5000);
        latestSubject.forEach((id, subject) -> assertThat(last.get(id).getSubject()).isEqualTo(subject));
        // a record is delivered again only because it changed: the crash itself made no duplicates
        List<Long> twice = new ArrayList<>();
        deliveries.forEach((id, n) -> {
            if (n > 1) {
                twice.add(id);
            }
        });
        assertThat(twice).allSatisfy(id -> assertThat(latestSubject).containsKey(id));
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
    }

    @Test
    void a429MidBackfillIsWaitedOutWithoutExtraRequests() throws Exception {
        admin.bulkLoadTickets(3000, T0, Duration.ofSeconds(1));
        AtomicBoolean injected = new AtomicBoolean();
        startRoute(e -> {
            // while page 1 is delivered, page 2 is already on its way: the 429 hits the request for page 3
            if (e.getMessage().getBody(Ticket.class).getId() == 1 && injected.compareAndSet(false, true)) {
                admin.injectFault(Fault.rateLimit(1).onPathPrefix("/api/v2/incremental/tickets").times(1));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3000);
        Thread.sleep(300);
        assertThat(received).hasSize(3000);
        assertThat(admin.armedFaults()).isZero();
        // 3 full pages, the empty end-of-stream page, and the one request answered 429: nothing else
        assertThat(exportRequests()).isEqualTo(5L);
    }
}
