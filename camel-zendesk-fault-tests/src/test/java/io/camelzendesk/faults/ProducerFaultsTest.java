package io.camelzendesk.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.Fault;
import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * Ticket creates and comment writes through real Camel routes while the emulator answers 500/502/504, resets the
 * connection or answers too late, after it applied the write (and sometimes 502 before, 429, 503). Afterwards the
 * emulator counts: no ticket and no comment exists twice, and a write that is missing was reported to the route as an
 * exception, never lost silently.
 */
class ProducerFaultsTest {

    static final int TICKETS = 40;
    static final int WRITES_PER_TICKET = 4;
    static final int WRITERS = 4;
    static final String SUBJECT = "fault-ticket-";

    /** One write, what was injected, and what the route's caller saw. */
    record Write(String route, String marker, long ticketId, WriteFault fault, Exception failure) {
    }

    @Test
    void writesUnderFaultsAreNeverRepeatedAndNeverLostSilently() throws Exception {
        long seed = Figures.seed();
        Random random = new Random(seed);
        long started = System.nanoTime();
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().requestsPerMinute(0).build()) {
            zendesk.start();
            EmulatorAdmin admin = zendesk.admin();
            CamelContext camel = new DefaultCamelContext();
            camel.addRoutes(routes(zendesk.baseUrl()));
            camel.start();
            try {
                ProducerTemplate template = camel.createProducerTemplate();
                List<Write> writes = Collections.synchronizedList(new ArrayList<>());
                // creates, one at a time: a fault on POST /api/v2/tickets is meant for this create only
                for (int i = 0; i < TICKETS; i++) {
                    String route = i % 2 == 0 ? "direct:create" : "direct:create-keyed";
                    String subject = SUBJECT + i;
                    WriteFault fault = WriteFault.draw(random);
                    arm(admin, fault.fault("POST", "^/api/v2/tickets(\\.json)?$"));
                    Exchange done = template.send(route, e -> {
                        e.getMessage().setHeader("requestId", "create-" + subject);
                        e.getMessage().setBody(Map.of("subject", subject, "comment", Map.of("body", "opened")));
                    });
                    writes.add(new Write(route, subject, 0, fault, done.getException()));
                }
                // comments: each writer owns its tickets, so a fault on PUT /api/v2/tickets/{id} meets its write
                List<Long> ids = admin.list("tickets").stream().filter(t -> t.path("subject").asText().startsWith(SUBJECT))
                        .map(t -> t.get("id").asLong()).sorted().toList();
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    List<Long> own = new ArrayList<>();
                    for (int k = w; k < ids.size(); k += WRITERS) {
                        own.add(ids.get(k));
                    }
                    Random writerRandom = new Random(seed + 1 + w);
                    running.add(writers.submit(() -> comment(template, admin, own, writerRandom, writes)));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                writers.shutdown();
                Map<String, Object> figures = count(admin, writes);
                figures.put("faults left armed", admin.armedFaults());
                figures.put("seconds", String.format("%.1f", (System.nanoTime() - started) / 1e9));
                Figures.print("c. producer writes under faults after the request reached the emulator", seed, figures);
                SoftAssertions soft = new SoftAssertions();
                soft.assertThat(figures.get("tickets duplicated")).as("tickets created twice").isEqualTo(0L);
                soft.assertThat(figures.get("comments duplicated")).as("comments added twice").isEqualTo(0L);
                soft.assertThat(figures.get("lost silently")).as("writes missing though the route saw no exception")
                        .isEqualTo(0L);
                soft.assertAll();
            } finally {
                camel.stop();
            }
        }
    }

    private static RouteBuilder routes(String baseUrl) {
        String account = "baseUrl=" + baseUrl + "&email=" + ZendeskEmulator.ADMIN_EMAIL + "&apiToken="
                         + ZendeskEmulator.API_TOKEN + "&requestTimeout=" + WriteFault.REQUEST_TIMEOUT.toMillis()
                         + "&retryDeadline=30000";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create-ticket").to("zendesk:tickets?operation=create&" + account);
                from("direct:create-keyed").routeId("create-ticket-keyed")
                        .to("zendesk:tickets?operation=create&idempotencyKey=${header.requestId}&" + account);
                from("direct:update").routeId("update-with-comment").to("zendesk:tickets?operation=update&" + account);
                from("direct:comment").routeId("add-comment").to("zendesk:tickets?operation=addComment&" + account);
            }
        };
    }

    private static void comment(ProducerTemplate template, EmulatorAdmin admin, List<Long> tickets, Random random,
            List<Write> writes) {
        for (int n = 0; n < WRITES_PER_TICKET; n++) {
            for (long id : tickets) {
                String route = n % 2 == 0 ? "direct:update" : "direct:comment";
                String body = "fault-comment-" + id + "-" + n;
                String priority = n % 4 == 0 ? "high" : "normal";
                WriteFault fault = WriteFault.draw(random);
                arm(admin, fault.fault("PUT", "^/api/v2/tickets/" + id + "(\\.json)?$"));
                Exchange done = template.send(route, e -> {
                    e.getMessage().setHeader(ZendeskConstants.ID, id);
                    e.getMessage().setBody(route.equals("direct:update")
                            ? Map.of("priority", priority, "comment", Map.of("body", body, "public", true))
                            : body);
                });
                writes.add(new Write(route, body, id, fault, done.getException()));
            }
        }
    }

    private static void arm(EmulatorAdmin admin, Fault fault) {
        if (fault != null) {
            admin.injectFault(fault);
        }
    }

    /** Counts each write's copies in the emulator and sorts the outcomes into the figures. */
    private static Map<String, Object> count(EmulatorAdmin admin, List<Write> writes) {
        Map<String, Integer> tickets = admin.ticketCountsBySubject(SUBJECT);
        Map<Long, Map<String, Integer>> comments = new TreeMap<>();
        long ticketsDuplicated = 0;
        long commentsDuplicated = 0;
        long lostSilently = 0;
        long failedNotApplied = 0;
        long failedButApplied = 0;
        long ok = 0;
        Map<String, long[]> byFault = new TreeMap<>();
        Map<String, Integer> exceptions = new TreeMap<>();
        for (Write w : writes) {
            int copies = w.ticketId() == 0 ? tickets.getOrDefault(w.marker(), 0)
                    : comments.computeIfAbsent(w.ticketId(), admin::commentCountsByBody).getOrDefault(w.marker(), 0);
            long extra = Math.max(0, copies - 1);
            if (w.ticketId() == 0) {
                ticketsDuplicated += extra;
            } else {
                commentsDuplicated += extra;
            }
            long[] row = byFault.computeIfAbsent(w.fault().name(), k -> new long[4]);
            row[0]++;
            if (w.failure() == null) {
                ok++;
                row[1]++;
                lostSilently += copies == 0 ? 1 : 0;
            } else {
                row[2]++;
                exceptions.merge(w.failure().getClass().getSimpleName(), 1, Integer::sum);
                if (copies == 0) {
                    failedNotApplied++;
                } else {
                    failedButApplied++;
                }
            }
            row[3] += extra;
        }
        Map<String, Object> f = Figures.of();
        f.put("writes", writes.size());
        f.put("tickets created (subjects)", tickets.size());
        f.put("ok", ok);
        f.put("exceptions seen by the route", writes.size() - ok);
        f.put("  of which applied (may have happened)", failedButApplied);
        f.put("  of which not applied", failedNotApplied);
        f.put("tickets duplicated", ticketsDuplicated);
        f.put("comments duplicated", commentsDuplicated);
        f.put("lost silently", lostSilently);
        byFault.forEach((k, r) -> f.put("  " + k, r[0] + " writes: " + r[1] + " ok, " + r[2] + " exceptions, "
                                                  + r[3] + " duplicated"));
        f.put("exceptions by type", exceptions);
        return f;
    }
}
