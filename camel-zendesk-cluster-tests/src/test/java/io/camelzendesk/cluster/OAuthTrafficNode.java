package io.camelzendesk.cluster;

import java.time.LocalTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import io.camelzendesk.component.position.JdbcStateRepository;
import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * {@link ClusterNode}'s {@code mode=oauth}: the account connected with the authorization-code grant, its tokens in
 * the token store shared by every node (a {@link JdbcStateRepository} in PostgreSQL). {@code concurrency} callers
 * send {@code zendesk:users?operation=me} and, every fourth call, {@code zendesk:tickets?operation=create}, pausing
 * {@code pauseMillis} between calls, for {@code seconds}. The node prints {@code PROGRESS} every 5 seconds (a node
 * killed mid-run leaves its counts there) and at the end
 * {@code RESULT node=.. ok=.. failed=.. me=.. created=.. maxMillis=.. slow=.. longestStallMillis=..}: the slowest
 * exchange, how many took longer than 2 s, and the longest time in which no exchange of the node completed.
 */
final class OAuthTrafficNode {

    static final long SLOW_MILLIS = 2_000;

    private OAuthTrafficNode() {
    }

    static void run(CamelContext context, String node, Map<String, String> a) throws Exception {
        context.getRegistry().bind("tokens", new JdbcStateRepository(ClusterNode.dataSource(a.get("jdbcUrl"))));
        String zendesk = "baseUrl=" + a.get("baseUrl") + "&oauthGrant=authorizationCode&clientId="
                         + ZendeskEmulator.OAUTH_CLIENT_ID + "&clientSecret=RAW(" + ZendeskEmulator.OAUTH_CLIENT_SECRET
                         + ")&tokenStore=#tokens&accessTokenLifetime=" + a.get("accessTokenLifetime")
                         + "&requestTimeout=" + a.get("requestTimeout");
        String me = "zendesk:users?operation=me&" + zendesk;
        String create = "zendesk:tickets?operation=create&" + zendesk;
        int concurrency = Integer.parseInt(a.get("concurrency"));
        long pause = Long.parseLong(a.getOrDefault("pauseMillis", "20"));
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(Long.parseLong(a.get("seconds")));
        context.start();
        ProducerTemplate template = context.createProducerTemplate();

        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong meOk = new AtomicLong();
        AtomicLong created = new AtomicLong();
        AtomicLong maxMillis = new AtomicLong();
        AtomicLong slow = new AtomicLong();
        AtomicLong lastDone = new AtomicLong(System.nanoTime());
        AtomicLong longestStall = new AtomicLong();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        System.out.println("READY " + node);
        for (int i = 0; i < concurrency; i++) {
            int caller = i;
            callers.submit(() -> {
                long n = 0;
                while (System.nanoTime() - deadline < 0) {
                    long seq = ++n;
                    boolean write = seq % 4 == 0;
                    long t0 = System.nanoTime();
                    Exchange done = write
                            ? template.request(create, e -> e.getMessage().setBody(Map.of("subject",
                                    node + " caller " + caller + " #" + seq, "comment", Map.of("body", "Shared token"))))
                            : template.request(me, e -> { });
                    long t1 = System.nanoTime();
                    long millis = TimeUnit.NANOSECONDS.toMillis(t1 - t0);
                    maxMillis.accumulateAndGet(millis, Math::max);
                    if (millis > SLOW_MILLIS) {
                        slow.incrementAndGet();
                        System.out.println("SLOW " + millis + " ms, ended at " + LocalTime.now());
                    }
                    long previous = lastDone.getAndSet(t1);
                    longestStall.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(t1 - previous), Math::max);
                    if (done.getException() != null) {
                        failed.incrementAndGet();
                        failures.computeIfAbsent(done.getException().getClass().getSimpleName(),
                                k -> new AtomicLong()).incrementAndGet();
                        System.out.println("FAILED at " + LocalTime.now() + ": " + done.getException());
                    } else {
                        ok.incrementAndGet();
                        (write ? created : meOk).incrementAndGet();
                    }
                    sleep(pause);
                }
            });
        }
        callers.shutdown();
        while (!callers.awaitTermination(5, TimeUnit.SECONDS)) {
            System.out.println("PROGRESS node=" + node + " ok=" + ok.get() + " failed=" + failed.get() + " at +"
                               + seconds(start, System.nanoTime()) + " s");
        }
        System.out.println("RESULT node=" + node + " ok=" + ok.get() + " failed=" + failed.get() + " me=" + meOk.get()
                           + " created=" + created.get() + " maxMillis=" + maxMillis.get() + " slow=" + slow.get()
                           + " longestStallMillis=" + longestStall.get() + " failures=" + new TreeMap<>(failures));
        context.stop();
        System.exit(0);
    }

    private static long seconds(long start, long now) {
        return TimeUnit.NANOSECONDS.toSeconds(now - start);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
