package io.camelzendesk.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.position.JdbcStateRepository;
import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The shared position store on a real PostgreSQL: compare-and-set semantics, and the export consumer using it. */
class JdbcStateRepositoryTest {

    @TempDir
    static Path dir;
    static ClusterSupport cluster;
    static JdbcStateRepository repository;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterSupport(dir);
        repository = new JdbcStateRepository(cluster.dataSource());
        repository.start();
    }

    @AfterAll
    static void stop() throws Exception {
        repository.stop();
        cluster.close();
    }

    @Test
    void compareAndSetChangesOnlyTheValueTheCallerRead() {
        assertThat(repository.getState("k1")).isNull();
        assertThat(repository.compareAndSet("k1", null, "a")).isTrue();
        assertThat(repository.compareAndSet("k1", null, "b")).as("the key exists already").isFalse();
        assertThat(repository.compareAndSet("k1", "a", "b")).isTrue();
        assertThat(repository.compareAndSet("k1", "a", "stale")).as("a writer that read 'a' is stale").isFalse();
        assertThat(repository.getState("k1")).isEqualTo("b");
        repository.setState("k1", "c");
        assertThat(repository.getState("k1")).isEqualTo("c");
        repository.setState("k2", "first");
        assertThat(repository.getState("k2")).isEqualTo("first");
    }

    @Test
    void concurrentWritersLoseNoUpdate() throws Exception {
        // four writers, each on its own connection, add 1 fifty times with read + compare-and-set
        repository.setState("counter", "0");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> retries = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            retries.add(pool.submit(() -> {
                go.await();
                int lost = 0;
                for (int i = 0; i < 50; i++) {
                    while (true) {
                        String read = repository.getState("counter");
                        if (repository.compareAndSet("counter", read, String.valueOf(Integer.parseInt(read) + 1))) {
                            break;
                        }
                        lost++;
                    }
                }
                return lost;
            }));
        }
        go.countDown();
        int refused = 0;
        for (Future<Integer> f : retries) {
            refused += f.get();
        }
        pool.shutdown();
        assertThat(repository.getState("counter")).isEqualTo("200");
        System.out.println("concurrent compare-and-set: 200 increments by 4 writers, " + refused + " writes refused and retried");
    }

    /** The cluster's data source, its connections handed out with auto-commit off as many pools are configured. */
    private static DataSource withoutAutoCommit(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(dataSource, args);
                        if (result instanceof Connection c) {
                            c.setAutoCommit(false);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void onConnectionsWithoutAutoCommitEveryWriteIsCommittedAndCompareAndSetHolds() {
        JdbcStateRepository noAutoCommit = new JdbcStateRepository(withoutAutoCommit(cluster.dataSource()),
                "positions_no_autocommit");
        noAutoCommit.start();
        noAutoCommit.setState("a", "1");
        assertThat(noAutoCommit.compareAndSet("b", null, "first")).isTrue();
        assertThat(noAutoCommit.compareAndSet("b", "first", "second")).isTrue();
        // another node, other connections: it reads what was committed
        JdbcStateRepository other = new JdbcStateRepository(cluster.dataSource(), "positions_no_autocommit");
        other.start();
        assertThat(other.getState("a")).isEqualTo("1");
        assertThat(other.getState("b")).isEqualTo("second");
        assertThat(other.compareAndSet("b", "second", "third")).isTrue();
        assertThat(noAutoCommit.compareAndSet("b", "second", "stale")).as("a writer that read 'second' is stale").isFalse();
        assertThat(noAutoCommit.compareAndSet("b", null, "again")).as("the key exists already").isFalse();
        // the refused insert was rolled back: the same pool still works
        noAutoCommit.setState("a", "2");
        assertThat(other.getState("a")).isEqualTo("2");
        assertThat(other.getState("b")).isEqualTo("third");
    }

    @Test
    void aTableNameThatIsNotANameIsRefused() {
        assertThatThrownBy(() -> new JdbcStateRepository(cluster.dataSource(), "x; DROP TABLE processed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tableName");
    }

    /**
     * A stale node: while this consumer delivers a page, another node moves the shared position. The consumer's
     * write is refused (the newer position stays), and its next poll starts from the newer position.
     */
    @Test
    void aConsumerNeverOverwritesAPositionAnotherNodeMoved() throws Exception {
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().incrementalRequestsPerMinute(0)
                .recentExclusion(Duration.ZERO).build()) {
            zendesk.start();
            zendesk.admin().bulkLoadTickets(30, Instant.now().minusSeconds(3600), Duration.ofSeconds(1));
            String key = "stale-node-test";
            String newer = "{\"startTime\":" + Instant.now().minusSeconds(600).getEpochSecond()
                           + ",\"recordTime\":0,\"seen\":[],\"cursor\":\"moved-by-another-node\"}";
            List<Object> received = new ArrayList<>();
            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("positions", repository);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("zendesk:tickets?baseUrl=" + zendesk.baseUrl() + "&email=" + ZendeskEmulator.ADMIN_EMAIL
                         + "&apiToken=" + ZendeskEmulator.API_TOKEN + "&startTime=0&perPage=10&delay=200"
                         + "&incrementalRequestsPerMinute=0&stateRepository=#positions&stateKey=" + key)
                            .process(e -> {
                                received.add(e.getMessage().getHeader("CamelZendeskId"));
                                if (received.size() == 5) {
                                    // another node moves the position while this one is in the middle of a page
                                    repository.setState(key, newer);
                                }
                            });
                }
            });
            context.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> zendesk.admin().requests().stream()
                        .anyMatch(r -> r.query() != null && r.query().contains("cursor=moved-by-another-node")));
            } finally {
                context.stop();
            }
            assertThat(received).as("the stale page was delivered, never the pages after it").hasSize(10);
            assertThat(repository.getState(key)).as("the newer position stays").isEqualTo(newer);
        }
    }
}
