package io.camelzendesk.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelzendesk.emulator.ZendeskEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Three nodes (JVMs) on one account of a 200 requests/min plan with Zendesk's endpoint limits on (the emulator, in
 * this JVM), a mixed workload that asks for more than the plan gives: each node exports tickets, updates 4 hot
 * tickets (the same ones on every node) every 20 s each through a coalescing endpoint, updates a user every 4 s and
 * reads tickets from 4 threads. For {@code --windows} (3) of the emulator's one-minute windows it prints the share of
 * the budget used (target >= 95%), the 429s Zendesk sent (target 0), the per-ticket update limit hits (target 0) and
 * each node's waits (p50/p99 of its reads and updates) and failures.
 */
public final class ClusterBudgetBenchmark {

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        if (!o.string("node", "").isEmpty()) {
            node(o);
            return;
        }
        int nodes = o.integer("nodes", 3);
        int rpm = o.integer("rpm", 200);
        int windows = o.integer("windows", 3);
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().seed(200).requestsPerMinute(rpm)
                .endpointLimits(true).recentExclusion(Duration.ZERO).build()) {
            zendesk.start();
            var admin = zendesk.admin();
            // the hot ones first: tickets that can still be updated (a closed ticket refuses updates)
            List<Long> ids = admin.list("tickets").stream()
                    .sorted(java.util.Comparator.comparing(t -> "closed".equals(t.path("status").asText())))
                    .map(t -> t.get("id").asLong()).toList();
            List<Long> users = admin.list("users").stream().filter(u -> "end-user".equals(u.path("role").asText()))
                    .map(u -> u.get("id").asLong()).limit(50).toList();
            admin.resetRateLimits();
            admin.clearRequests();
            String cp = System.getProperty("java.class.path");
            List<Process> procs = new ArrayList<>();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            for (int n = 0; n < nodes; n++) {
                Process p = new ProcessBuilder("java", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                        "-cp", cp, ClusterBudgetBenchmark.class.getName(), "--node", "node-" + n, "--base-url",
                        zendesk.baseUrl(), "--tickets", join(ids), "--users", join(users),
                        "--seconds", String.valueOf(windows * 60 + 40))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                procs.add(p);
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (Exception ignored) {
                        // the node ended
                    }
                });
                reader.setDaemon(true);
                reader.start();
            }
            // the emulator's windows start with the first request: count exactly `windows` of them
            while (admin.requests().isEmpty()) {
                Thread.sleep(50);
            }
            long first = admin.requests().get(0).at().toEpochMilli();
            Thread.sleep(Math.max(0, first + windows * 60_000L - 200 - System.currentTimeMillis()));
            long[] general = admin.rateLimitCounts().get("general");
            Map<String, Integer> endpointRefusals = admin.endpointLimitRefusals();
            System.out.printf("cluster nodes=%d plan_rpm=%d windows=%d used=%d of %d (%.1f%%) 429_account=%d"
                              + " endpoint_refusals=%s per_ticket_hits=%d%n", nodes, rpm, windows, general[0],
                    (long) rpm * windows, 100.0 * general[0] / ((long) rpm * windows), general[1], endpointRefusals,
                    endpointRefusals.getOrDefault("tickets-update/ticket", 0));
            for (Process p : procs) {
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            lines.stream().sorted().forEach(System.out::println);
        }
        System.exit(0);
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /** One node: the mixed workload for --seconds, then its figures on one line. */
    private static void node(Opts o) throws Exception {
        String name = o.string("node", "");
        String base = "&baseUrl=" + o.string("base-url", "") + "&email=" + ZendeskEmulator.ADMIN_EMAIL + "&apiToken="
                      + ZendeskEmulator.API_TOKEN;
        List<Long> tickets = parse(o.string("tickets", ""));
        List<Long> users = parse(o.string("users", ""));
        long end = System.currentTimeMillis() + o.integer("seconds", 220) * 1000L;
        CamelContext context = new DefaultCamelContext();
        AtomicLong exported = new AtomicLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:tickets?startTime=0&stateInMemory=true&delay=10000" + base).routeId("export")
                        .process(e -> exported.incrementAndGet());
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Latencies reads = new Latencies();
        Latencies ticketUpdates = new Latencies();
        Latencies userUpdates = new Latencies();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Random random = new Random(name.hashCode());
        for (int h = 0; h < 4; h++) {
            long id = tickets.get(h);
            timer.scheduleAtFixedRate(() -> ticketUpdates.time(template.asyncRequestBodyAndHeader(
                    "zendesk:tickets?operation=update&coalesceUpdates=true" + base,
                    Map.of("additional_tags", List.of(name + "-" + System.nanoTime() % 1000)), "CamelZendeskId", id)),
                    h * 5L, 20, TimeUnit.SECONDS);
        }
        timer.scheduleAtFixedRate(() -> userUpdates.time(template.asyncRequestBodyAndHeader(
                "zendesk:users?operation=update" + base, Map.of("notes", "seen " + System.nanoTime()),
                "CamelZendeskId", users.get(random.nextInt(users.size())))), 0, 4, TimeUnit.SECONDS);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            Thread t = new Thread(() -> {
                Random rr = new Random();
                while (System.currentTimeMillis() < end) {
                    long start = System.nanoTime();
                    try {
                        template.requestBodyAndHeader("zendesk:tickets?operation=get" + base, null, "CamelZendeskId",
                                tickets.get(4 + rr.nextInt(tickets.size() - 4)));
                        reads.add(System.nanoTime() - start);
                    } catch (Exception e) {
                        reads.failed.incrementAndGet();
                        Throwable c = e.getCause() != null ? e.getCause() : e;
                        reads.failure = c.getClass().getSimpleName() + ": " + c.getMessage();
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        for (Thread t : readers) {
            t.join();
        }
        timer.shutdownNow();
        Thread.sleep(1000);
        Object budgets = context.getEndpoints().stream()
                .filter(e -> e instanceof io.camelzendesk.component.ZendeskEndpoint).findFirst()
                .map(e -> ((io.camelzendesk.component.ZendeskEndpoint) e).account().client().limits()
                        .snapshot(System.nanoTime()))
                .orElse(null);
        System.out.printf("%s exported=%d reads %s, ticket updates %s, user updates %s; budgets %s%n", name,
                exported.get(), reads, ticketUpdates, userUpdates, budgets);
        System.out.flush();
        context.stop();
        System.exit(0);
    }

    private static List<Long> parse(String csv) {
        List<Long> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(Long.valueOf(s.trim()));
            }
        }
        return out;
    }

    /** Latencies of one kind of call, and its failures. */
    private static final class Latencies {
        final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong lastFailure = new AtomicLong();
        volatile String failure = "";

        void add(long n) {
            nanos.add(n);
        }

        void time(java.util.concurrent.CompletableFuture<Object> call) {
            long start = System.nanoTime();
            call.whenComplete((v, x) -> {
                if (x != null) {
                    failed.incrementAndGet();
                    Throwable c = x;
                    while (c.getCause() != null) {
                        c = c.getCause();
                    }
                    failure = c.getClass().getSimpleName() + ": " + c.getMessage();
                } else {
                    add(System.nanoTime() - start);
                }
            });
        }

        @Override
        public String toString() {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return "n=0 failed=" + failed.get() + (failure.isEmpty() ? "" : " (" + failure + ")");
            }
            return String.format("n=%d p50=%.0fms p99=%.0fms failed=%d%s", sorted.size(),
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                    failed.get(), failure.isEmpty() ? "" : " (" + failure + ")");
        }
    }

    private ClusterBudgetBenchmark() {
    }
}
