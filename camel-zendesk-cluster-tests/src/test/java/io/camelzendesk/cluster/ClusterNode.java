package io.camelzendesk.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.postgresql.ds.PGSimpleDataSource;

import io.camelzendesk.component.position.JdbcStateRepository;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.WebhookEvent;
import io.camelzendesk.model.ZendeskObject;

/**
 * One node of a cluster, in its own JVM, started by the tests with {@code key=value} arguments:
 * <ul>
 * <li>{@code mode=export}: {@code master:} over a file-lock cluster service in front of {@code zendesk:tickets}, the
 * position in PostgreSQL ({@link JdbcStateRepository}); each record processed is inserted in table
 * {@code processed} (node, id, updated_at);</li>
 * <li>{@code mode=webhook}: {@code zendesk:webhook} on its own port, duplicates removed through Camel's
 * {@link JdbcMessageIdRepository} in the same database; each event routed is inserted in {@code processed};</li>
 * <li>{@code mode=realtime}: {@code zendesk:tickets?realtime=true} on its own port behind the test's load balancer,
 * the export only on the leader ({@code reconcileNamespace} over the file-lock cluster service), the position and
 * the delivery ledger in PostgreSQL; each change routed is inserted in {@code processed} (node, id, "updated_at
 * path"). The first node to receive a ticket whose subject starts with "slow" prints {@code SLOW <id>} and holds
 * it in the route for {@code slowMillis}, so that the test can kill it mid-route;</li>
 * <li>{@code mode=load}: {@code concurrency} callers send {@code zendesk:tickets?operation=get} without pause for
 * {@code seconds}, then the node prints {@code RESULT ok=... failed=...} and exits;</li>
 * <li>{@code mode=oauth}: the same with OAuth tokens shared in PostgreSQL, see {@link OAuthTrafficNode}.</li>
 * </ul>
 * The node prints {@code READY} once its routes run. The tests kill it when they are done (or abruptly, to fail over).
 */
public final class ClusterNode {

    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String node = a.get("node");
        String zendesk = "baseUrl=" + a.get("baseUrl") + "&email=" + ZendeskEmulator.ADMIN_EMAIL
                         + "&apiToken=" + ZendeskEmulator.API_TOKEN;
        CamelContext context = new DefaultCamelContext();
        context.getGlobalOptions().put("CamelLogDebugBodyMaxChars", "0");
        switch (a.get("mode")) {
            case "export" -> export(context, node, zendesk, a);
            case "webhook" -> webhook(context, node, a);
            case "realtime" -> realtime(context, node, zendesk, a);
            case "load" -> {
                load(context, node, zendesk, a);
                return;
            }
            case "oauth" -> {
                OAuthTrafficNode.run(context, node, a);
                return;
            }
            default -> throw new IllegalArgumentException("mode " + a.get("mode"));
        }
        context.start();
        System.out.println("READY " + node);
        Thread.currentThread().join();
    }

    /** Camel's file-lock cluster service (leadership through a lock file in a shared directory), quick to fail over. */
    private static void addFileLockCluster(CamelContext context, String node, String dir) throws Exception {
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(node);
        cluster.setRoot(dir);
        cluster.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(1, TimeUnit.SECONDS);
        cluster.setHeartbeatTimeoutMultiplier(2);
        context.addService(cluster);
    }

    static DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        return ds;
    }

    private static void export(CamelContext context, String node, String zendesk, Map<String, String> a)
            throws Exception {
        addFileLockCluster(context, node, a.get("clusterDir"));
        DataSource db = dataSource(a.get("jdbcUrl"));
        context.getRegistry().bind("positions", new JdbcStateRepository(db));
        long delayPerRecord = Long.parseLong(a.getOrDefault("recordMillis", "0"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:zendesk-tickets:zendesk:tickets?" + zendesk + "&startTime=0&perPage=100&delay=500"
                     + "&incrementalRequestsPerMinute=0&stateRepository=#positions")
                        .routeId("tickets-export")
                        .process(e -> {
                            ZendeskObject t = e.getMessage().getBody(ZendeskObject.class);
                            insert(db, node, String.valueOf(t.getId()), String.valueOf(t.get("updated_at")));
                            if (delayPerRecord > 0) {
                                Thread.sleep(delayPerRecord);
                            }
                        });
            }
        });
    }

    private static void webhook(CamelContext context, String node, Map<String, String> a) throws Exception {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(Integer.parseInt(a.get("port")));
        context.addService(new VertxPlatformHttpServer(conf));
        DataSource db = dataSource(a.get("jdbcUrl"));
        context.getRegistry().bind("deliveries", new JdbcMessageIdRepository(db, "zendesk-webhook"));
        long routeMillis = Long.parseLong(a.getOrDefault("routeMillis", "0"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:webhook?signingSecret=" + a.get("secret") + "&idempotentRepository=#deliveries")
                        .routeId("webhook")
                        .process(e -> {
                            WebhookEvent event = e.getMessage().getBody(WebhookEvent.class);
                            if (routeMillis > 0) {
                                Thread.sleep(routeMillis);
                            }
                            insert(db, node, event.getEventId(), Instant.now().toString());
                        });
            }
        });
    }

    private static void realtime(CamelContext context, String node, String zendesk, Map<String, String> a)
            throws Exception {
        addFileLockCluster(context, node, a.get("clusterDir"));
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(Integer.parseInt(a.get("port")));
        context.addService(new VertxPlatformHttpServer(conf));
        DataSource db = dataSource(a.get("jdbcUrl"));
        context.getRegistry().bind("state", new JdbcStateRepository(db));
        long slowMillis = Long.parseLong(a.getOrDefault("slowMillis", "0"));
        java.nio.file.Path slowMarker = java.nio.file.Path.of(a.get("clusterDir"), "slow-taken");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:tickets?" + zendesk + "&realtime=true&externalUrl=" + a.get("externalUrl")
                     + "&webhookName=replicas&keepRegistration=true&reconcileNamespace=zendesk-tickets"
                     + "&deliveryLease=" + a.getOrDefault("lease", "5s") + "&startTime=" + a.get("startTime")
                     + "&delay=500&incrementalRequestsPerMinute=0&stateRepository=#state")
                        .routeId("ticket-changes")
                        .process(e -> {
                            ZendeskObject t = e.getMessage().getBody(ZendeskObject.class);
                            if (slowMillis > 0 && String.valueOf(t.get("subject")).startsWith("slow")
                                && slowMarker.toFile().createNewFile()) {
                                System.out.println("SLOW " + t.getId());
                                Thread.sleep(slowMillis);
                            }
                            insert(db, node, String.valueOf(t.getId()), t.get("updated_at") + " "
                                   + e.getMessage().getHeader("CamelZendeskDeliveredBy"));
                        });
            }
        });
    }

    private static void load(CamelContext context, String node, String zendesk, Map<String, String> a)
            throws Exception {
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        String uri = "zendesk:tickets?operation=get&" + zendesk + "&requestsPerMinute=" + a.get("requestsPerMinute");
        long ticket = Long.parseLong(a.get("ticket"));
        int concurrency = Integer.parseInt(a.get("concurrency"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(a.get("seconds")));
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        System.out.println("READY " + node);
        for (int i = 0; i < concurrency; i++) {
            callers.submit(() -> {
                while (System.nanoTime() - deadline < 0) {
                    Exchange done = template.request(uri, e -> e.getMessage().setHeader("CamelZendeskId", ticket));
                    if (done.getException() != null) {
                        failed.incrementAndGet();
                        System.out.println("FAILED " + done.getException());
                    } else {
                        ok.incrementAndGet();
                    }
                }
            });
        }
        callers.shutdown();
        callers.awaitTermination(10, TimeUnit.MINUTES);
        System.out.println("RESULT node=" + node + " ok=" + ok.get() + " failed=" + failed.get());
        context.stop();
        System.exit(0);
    }

    static void insert(DataSource db, String node, String id, String version) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO processed (node, record_id, version) VALUES (?, ?, ?)")) {
            s.setString(1, node);
            s.setString(2, id);
            s.setString(3, version);
            s.executeUpdate();
        }
    }
}
