package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Signed Zendesk webhook deliveries per second into a no-op route through {@code zendesk:webhook} (size check,
 * HMAC verification, JSON parse into a WebhookEvent, duplicate check), against the same requests on a bare
 * {@code platform-http} route with a no-op processor. One JVM, one Vert.x server on loopback; the load comes
 * from a JDK HttpClient in the same JVM with a fixed number of requests in flight, so both cases pay the same
 * client cost on the same cores. Rounds alternate bare / zendesk; deliveries are signed before a round starts.
 */
public final class WebhookBench {

    private static final String SECRET = "YmVuY2htYXJrLXNpZ25pbmctc2VjcmV0LTAxMjM0NTY3";

    public static void main(String[] args) throws Exception {
        int requests = 20_000;
        int rounds = 5;
        int concurrency = 32;
        int warmup = 2;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(0);
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        context.addService(server);
        AtomicLong bareRouted = new AtomicLong();
        AtomicLong zendeskRouted = new AtomicLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/bare?httpMethodRestrict=POST").routeId("bare")
                        .process(e -> {
                            bareRouted.incrementAndGet();
                            e.getMessage().setBody("ok");
                        });
                from("zendesk:webhook?path=/zendesk/webhook&signingSecret=" + SECRET).routeId("zendesk")
                        .process(e -> zendeskRouted.incrementAndGet());
            }
        });
        context.start();
        int port = server.getPort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.printf(Locale.ROOT, "webhook-bench cores=%d java=%s requests=%d rounds=%d concurrency=%d body_bytes=%d%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), requests, rounds, concurrency,
                body(UUID.randomUUID().toString()).length);

        for (int w = 0; w < warmup; w++) {
            run(http, port, "/bare", requests, concurrency);
            run(http, port, "/zendesk/webhook", requests, concurrency);
        }
        List<Result> bare = new ArrayList<>();
        List<Result> zendesk = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Result b = run(http, port, "/bare", requests, concurrency);
            Result z = run(http, port, "/zendesk/webhook", requests, concurrency);
            bare.add(b);
            zendesk.add(z);
            System.out.printf(Locale.ROOT, "round=%d bare=%s zendesk=%s%n", r, b, z);
        }
        double bareRate = median(bare.stream().mapToDouble(Result::perSecond).toArray());
        double zendeskRate = median(zendesk.stream().mapToDouble(Result::perSecond).toArray());
        System.out.printf(Locale.ROOT,
                "summary bare_per_s=%.0f zendesk_per_s=%.0f ratio=%.2f bare_p50_ms=%.2f bare_p99_ms=%.2f"
                                       + " zendesk_p50_ms=%.2f zendesk_p99_ms=%.2f errors=%d routed_bare=%d"
                                       + " routed_zendesk=%d%n",
                bareRate, zendeskRate, zendeskRate / bareRate,
                median(bare.stream().mapToDouble(Result::p50Ms).toArray()),
                median(bare.stream().mapToDouble(Result::p99Ms).toArray()),
                median(zendesk.stream().mapToDouble(Result::p50Ms).toArray()),
                median(zendesk.stream().mapToDouble(Result::p99Ms).toArray()),
                bare.stream().mapToLong(Result::errors).sum() + zendesk.stream().mapToLong(Result::errors).sum(),
                bareRouted.get(), zendeskRouted.get());
        context.stop();
    }

    record Result(double perSecond, double p50Ms, double p99Ms, long errors) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f/s p50=%.2fms p99=%.2fms errors=%d", perSecond, p50Ms, p99Ms,
                    errors);
        }
    }

    /** Sends {@code n} distinct signed deliveries with {@code concurrency} in flight. */
    static Result run(HttpClient http, int port, String path, int n, int concurrency) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpRequest[] prepared = new HttpRequest[n];
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            byte[] body = body(id);
            prepared[i] = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("X-Zendesk-Account-Id", "4242")
                    .header("X-Zendesk-Webhook-Id", "01HBENCHWEBHOOK")
                    .header("X-Zendesk-Webhook-Invocation-Id", id)
                    .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                    .header("X-Zendesk-Webhook-Signature", sign(timestamp, body))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }
        long[] latencies = new long[n];
        AtomicLong errors = new AtomicLong();
        Semaphore window = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            int index = i;
            long sent = System.nanoTime();
            http.sendAsync(prepared[i], HttpResponse.BodyHandlers.discarding()).whenComplete((r, t) -> {
                latencies[index] = System.nanoTime() - sent;
                if (t != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                window.release();
                done.countDown();
            });
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        Arrays.sort(latencies);
        return new Result(n / (elapsed / 1e9), latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6,
                errors.get());
    }

    /** A ticket.status_changed event of realistic size (about 1 KB). */
    static byte[] body(String id) {
        return ("{\"account_id\":4242,\"detail\":{\"actor_id\":\"361000000001\",\"assignee_id\":\"361000000002\","
                + "\"brand_id\":\"360000000001\",\"created_at\":\"2025-01-30T09:12:44Z\",\"custom_status\":\"3\","
                + "\"description\":\"The printer on the third floor is on fire again. Please send someone who knows"
                + " how to use an extinguisher and, ideally, how to fix a fuser unit.\",\"external_id\":null,"
                + "\"form_id\":\"360000000010\",\"group_id\":\"360000000020\",\"id\":\"12345\",\"is_public\":true,"
                + "\"organization_id\":\"360000000030\",\"priority\":\"HIGH\",\"requester_id\":\"361000000003\","
                + "\"status\":\"SOLVED\",\"subject\":\"Printer on fire\",\"submitter_id\":\"361000000003\","
                + "\"tags\":[\"hardware\",\"printer\",\"urgent\",\"floor-3\"],\"type\":\"INCIDENT\","
                + "\"updated_at\":\"2025-01-31T10:00:00Z\",\"via\":{\"channel\":\"web_form\"}},"
                + "\"event\":{\"current\":\"SOLVED\",\"previous\":\"OPEN\"},\"id\":\"" + id + "\","
                + "\"subject\":\"zen:ticket:12345\",\"time\":\"2025-01-31T10:00:00.000000000Z\","
                + "\"type\":\"zen:event-type:ticket.status_changed\",\"zendesk_event_version\":\"2022-11-06\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String sign(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
