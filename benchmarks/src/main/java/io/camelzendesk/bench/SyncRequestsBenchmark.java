package io.camelzendesk.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.ZendeskObject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Requests per 1,000 records of a full first sync of tickets, users, organizations and ticket comments, from the
 * emulator seeded with its realistic mix (about {@code --seed} tickets, their comments, users and organizations):
 * <ul>
 * <li><b>ours</b>: four export routes, as a user writes them: {@code zendesk:tickets}, {@code zendesk:users},
 * {@code zendesk:organizations} and {@code zendesk:ticket_events?include=comment_events} (every comment, 1,000
 * events a page), counted by the emulator's request log;</li>
 * <li><b>a per-record connector</b>: what one that reads lists and then each ticket's comments asks for, computed from
 * the data (lists of 100 per page, one comments request per ticket and per 100 of its comments);</li>
 * <li><b>the official camel-zendesk 4.17.0</b>, when {@code --official benchmarks/official-sync/run.sh} is given: its
 * own full sync (benchmarks/official-sync), run in its own JVM against the same emulator, counted the same way.</li>
 * </ul>
 * Target (issue 19): ours at most half of the per-record plan.
 */
public final class SyncRequestsBenchmark {

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        int seed = o.integer("seed", 2000);
        String official = o.string("official", "");
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().seed(seed).requestsPerMinute(0)
                .incrementalRequestsPerMinute(0).recentExclusion(java.time.Duration.ZERO).build()) {
            zendesk.start();
            var admin = zendesk.admin();
            List<ObjectNode> tickets = admin.list("tickets");
            long users = admin.list("users").size();
            long organizations = admin.list("organizations").size();
            long comments = 0;
            long perRecordPlan = pages(tickets.size()) + pages(users) + pages(organizations);
            for (ObjectNode t : tickets) {
                int n = admin.comments(t.get("id").asLong()).size();
                comments += n;
                perRecordPlan += Math.max(1, pages(n));
            }
            long records = tickets.size() + users + organizations + comments;
            System.out.printf("data seed=%d tickets=%d users=%d organizations=%d comments=%d records=%d%n", seed,
                    tickets.size(), users, organizations, comments, records);

            admin.clearRequests();
            long start = System.nanoTime();
            long[] got = ours(o, zendesk, tickets.size(), users, organizations, comments);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<RecordedRequest> ourRequests = admin.requests();
            print("ours", ourRequests, got, records, perRecordPlan, seconds);
            System.out.printf("per-record-plan requests=%d per_1000_records=%.1f%n", perRecordPlan,
                    1000.0 * perRecordPlan / records);

            if (!official.isEmpty()) {
                admin.clearRequests();
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("bash", official, "--base-url", zendesk.baseUrl(), "--email",
                        ZendeskEmulator.ADMIN_EMAIL, "--token", ZendeskEmulator.API_TOKEN)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                boolean done = p.waitFor(60, TimeUnit.MINUTES);
                double officialSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.println("official says: " + out + (done && p.exitValue() == 0 ? "" : " (FAILED)"));
                print("official", admin.requests(), null, records, perRecordPlan, officialSeconds);
            }
        }
        System.exit(0);
    }

    private static long pages(long items) {
        return (items + 99) / 100;
    }

    /** The four export routes until each has every record; their record counts. */
    private static long[] ours(Opts o, ZendeskEmulator zendesk, long tickets, long users, long orgs, long comments)
            throws Exception {
        AtomicLong t = new AtomicLong();
        AtomicLong u = new AtomicLong();
        AtomicLong g = new AtomicLong();
        AtomicLong c = new AtomicLong();
        String common = "?startTime=0&stateInMemory=true&delay=600000&baseUrl=" + zendesk.baseUrl() + "&email="
                        + ZendeskEmulator.ADMIN_EMAIL + "&apiToken=" + ZendeskEmulator.API_TOKEN;
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:tickets" + common).routeId("tickets").process(e -> t.incrementAndGet());
                from("zendesk:users" + common).routeId("users").process(e -> u.incrementAndGet());
                from("zendesk:organizations" + common).routeId("organizations").process(e -> g.incrementAndGet());
                from("zendesk:ticket_events" + common + "&include=comment_events").routeId("comments")
                        .process(e -> c.addAndGet(commentsOf(e.getMessage().getBody(ZendeskObject.class))));
            }
        });
        context.start();
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(o.integer("timeout-minutes", 10));
        long report = System.currentTimeMillis() + 10_000;
        while ((t.get() < tickets || u.get() < users || g.get() < orgs || c.get() < comments)
               && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            if (System.currentTimeMillis() > report) {
                System.err.printf("... tickets %d/%d users %d/%d organizations %d/%d comments %d/%d%n", t.get(),
                        tickets, u.get(), users, g.get(), orgs, c.get(), comments);
                report += 10_000;
            }
        }
        context.stop();
        return new long[] {t.get(), u.get(), g.get(), c.get()};
    }

    /** The comments of a ticket event: its child events of type Comment. */
    private static long commentsOf(ZendeskObject event) {
        Object children = event.get("child_events");
        if (!(children instanceof List<?> list)) {
            return 0;
        }
        return list.stream().filter(ch -> ch instanceof Map<?, ?> m && "Comment".equals(m.get("event_type"))).count();
    }

    private static void print(String who, List<RecordedRequest> requests, long[] got, long records, long plan,
            double seconds) {
        Map<String, Integer> byEndpoint = new TreeMap<>();
        for (RecordedRequest r : requests) {
            String path = r.path().replaceAll("/\\d+", "/{id}").replace(".json", "");
            byEndpoint.merge(r.method() + " " + path, 1, Integer::sum);
        }
        System.out.printf("%s requests=%d per_1000_records=%.1f vs_per_record_plan=%.3f seconds=%.1f%s by_endpoint=%s%n",
                who, requests.size(), 1000.0 * requests.size() / records, (double) requests.size() / plan, seconds,
                got == null ? "" : String.format(" got tickets=%d users=%d organizations=%d comments=%d", got[0],
                        got[1], got[2], got[3]), byEndpoint);
    }

    private SyncRequestsBenchmark() {
    }

}
