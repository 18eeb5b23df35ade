package io.camelzendesk.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two realtime replicas (JVMs) behind a load balancer, the export on the leader only, the position and the delivery
 * ledger in PostgreSQL. The replica routing a change is killed (SIGKILL) in the middle of its route: the change
 * still reaches a route, on the other replica, once (Zendesk's retry, or the reconciliation once the dead
 * replica's lease ran out), and nothing else is lost or routed twice. When Zendesk gives the delivery up (one
 * attempt), the reconciliation brings it.
 */
class RealtimeReplicasTest {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect");

    @TempDir
    Path dir;

    @org.junit.jupiter.params.ParameterizedTest(name = "Zendesk tries a delivery {0} time(s)")
    @org.junit.jupiter.params.provider.CsvSource({ "5, webhook|export", "1, export" })
    void aChangeWhoseReplicaDiedMidRouteStillReachesARouteOnce(int attempts, String expectedPath) throws Exception {
        int[] ports = { freePort(), freePort() };
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().incrementalRequestsPerMinute(0).requestsPerMinute(0)
                .recentExclusion(Duration.ZERO).webhookRetryBackoff(Duration.ofSeconds(1)).webhookMaxAttempts(attempts)
                .build();
             ClusterSupport cluster = new ClusterSupport(dir);
             LoadBalancer balancer = new LoadBalancer(ports)) {
            zendesk.start();
            Map<String, String> args = Map.of("mode", "realtime", "baseUrl", zendesk.baseUrl(), "jdbcUrl",
                    cluster.jdbcUrl(), "clusterDir", dir.resolve("cluster").toString(), "externalUrl",
                    balancer.url() + "/zendesk/realtime/tickets", "startTime",
                    String.valueOf(Instant.now().getEpochSecond() - 5), "slowMillis", "60000",
                    // longer than a webhook delivery waits for a held ticket (5 s): a second event of the change that
                    // reaches the survivor is then left to the export, as a delivery Zendesk gave up on is
                    "lease", "8s");
            dir.resolve("cluster").toFile().mkdirs();
            cluster.start("replica-a", with(args, "port", ports[0]));
            cluster.start("replica-b", with(args, "port", ports[1]));
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.nodes().stream()
                    .allMatch(n -> n.output().contains("the webhook is registered and served")));
            assertThat(zendesk.admin().list("webhooks")).as("one webhook, shared by the replicas").hasSize(1);

            // ordinary changes, spread over both replicas by the balancer, routed and committed before the kill (what
            // a replica killed between its route and its commit had done is routed again: at least once)
            List<String> ordinary = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ordinary.add(zendesk.admin().createTicket(Map.of("subject", "ordinary " + i, "comment",
                        Map.of("body", "x"))).get("id").asText());
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> committed(cluster).containsAll(ordinary));
            // the change whose replica dies mid-route
            ObjectNode slow = zendesk.admin().createTicket(Map.of("subject", "slow one", "comment", Map.of("body", "x")));
            String slowId = slow.get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.nodes().stream()
                    .anyMatch(n -> n.output().contains("SLOW " + slowId)));
            ClusterSupport.Node victim = cluster.nodes().stream().filter(n -> n.output().contains("SLOW " + slowId))
                    .findFirst().orElseThrow();
            victim.kill();
            long killedAt = System.nanoTime();
            String survivor = victim.name().equals("replica-a") ? "replica-b" : "replica-a";

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> cluster.count("SELECT count(*) FROM processed WHERE record_id = '" + slowId + "'") > 0);
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            List<List<String>> slowRows = cluster.query("SELECT node, version FROM processed WHERE record_id = '"
                                                        + slowId + "'");
            assertThat(slowRows).hasSize(1);
            assertThat(slowRows.get(0).get(0)).isEqualTo(survivor);
            // retried by Zendesk, the webhook or the reconciliation brings it once the dead replica's lease ran out
            // (whichever asks first); given up by Zendesk (the delivery a plain webhook consumer loses), the
            // reconciliation does
            assertThat(slowRows.get(0).get(1)).matches(".* (" + expectedPath + ")");

            // every ticket's latest version reached a route, each version once
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (ObjectNode t : zendesk.admin().list("tickets")) {
                    if (t.path("subject").asText().startsWith("ordinary") || t.path("subject").asText().startsWith("slow")) {
                        assertThat(cluster.count("SELECT count(*) FROM processed WHERE record_id = '"
                                                 + t.get("id").asText() + "' AND version LIKE '"
                                                 + t.get("updated_at").asText() + " %'")).as("ticket %s", t.get("id"))
                                .isEqualTo(1);
                    }
                }
            });
            assertThat(cluster.count("SELECT count(*) FROM (SELECT record_id, split_part(version, ' ', 1)"
                                     + " FROM processed GROUP BY 1, 2 HAVING count(*) > 1) twice")).isZero();
            List<List<String>> paths = cluster.query("SELECT node, split_part(version, ' ', 2), count(*) FROM processed"
                                                     + " GROUP BY 1, 2 ORDER BY 1, 2");
            System.out.printf("realtime replicas, Zendesk trying %d time(s): %s killed mid-route on ticket %s; %s routed it %.1f s later by %s;"
                              + " deliveries per replica and path %s; balancer answers %s%n", attempts, victim.name(), slowId,
                    survivor, seconds, slowRows.get(0).get(1).split(" ")[1], paths, balancer.answers);
        }
    }

    /** The ids the delivery ledger holds as delivered, with no claim on them. */
    private static Set<String> committed(ClusterSupport cluster) throws IOException {
        List<List<String>> rows = cluster.query("SELECT state_value FROM camel_zendesk_state WHERE state_key LIKE"
                                                + " '%/delivered'");
        Set<String> ids = new java.util.TreeSet<>();
        if (!rows.isEmpty()) {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(rows.get(0).get(0)).path("ids").fields()
                    .forEachRemaining(e -> {
                        if (e.getValue().size() == 1) {
                            ids.add(e.getKey());
                        }
                    });
        }
        return ids;
    }

    private static Map<String, String> with(Map<String, String> args, String key, int value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(args);
        all.put(key, String.valueOf(value));
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Round robin over the replicas, as a load balancer in front of them: a replica that refuses the connection is
     * skipped; one that fails mid-request (killed) is answered 502, as a proxy answers a POST it cannot repeat.
     */
    static final class LoadBalancer implements AutoCloseable {

        private final HttpServer server;
        private final int[] ports;
        private final AtomicInteger next = new AtomicInteger();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        final Map<Integer, AtomicInteger> answers = new java.util.concurrent.ConcurrentSkipListMap<>();

        LoadBalancer(int[] ports) throws IOException {
            this.ports = ports;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            server.createContext("/", this::forward);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void forward(HttpExchange in) throws IOException {
            byte[] body;
            try (InputStream is = in.getRequestBody()) {
                body = is.readAllBytes();
            }
            int status = 502;
            byte[] answer = new byte[0];
            int start = next.getAndIncrement();
            for (int i = 0; i < ports.length; i++) {
                int port = ports[(start + i) % ports.length];
                HttpRequest.Builder out = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                            + in.getRequestURI()))
                        .timeout(Duration.ofSeconds(20))
                        .method(in.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                in.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(v -> out.header(name, v));
                    }
                });
                try {
                    HttpResponse<byte[]> r = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = r.statusCode();
                    answer = r.body();
                    break;
                } catch (java.net.ConnectException e) {
                    // the replica is not there: the next one
                } catch (IOException e) {
                    // the replica died with the request: a proxy does not repeat a POST
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            in.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream os = in.getResponseBody()) {
                os.write(answer);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
