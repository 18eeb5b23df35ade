package io.camelzendesk.component;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.camelzendesk.test.LogCapture;
import io.camelzendesk.test.RawHttpConnection;

import static io.camelzendesk.test.WebhookTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook's limits held by the HTTP server itself (Vert.x, as platform-http runs on camel-main and Quarkus): a
 * body over {@code maxBodySize} is refused before it is buffered, a slow sender is cut off after
 * {@code deliveryReadTimeout}, a client that goes away mid-body is one log line. Requests are written by hand on a
 * socket so that the test controls the pace of the body.
 */
class ZendeskWebhookServerLimitsTest {

    private static final String SECRET = "dGhpc2lzYXNpZ25pbmdzZWNyZXQxMjM0NTY3ODkw";
    private static final String PATH = "/zendesk/webhook";
    private static final int MIB = 1024 * 1024;

    private CamelContext context;
    private VertxPlatformHttpServer server;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String options) throws Exception {
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:webhook?signingSecret=" + SECRET + options).routeId("hook")
                        .process(e -> received.add(e.copy()));
            }
        });
        context.start();
    }

    @Test
    void aDeclaredBodyOverMaxBodySizeIsRefused413BeforeItIsReadAndTheConnectionClosed() throws Exception {
        start("&maxBodySize=65536");
        warmUp();
        long before = eventLoopAllocatedBytes();
        try (RawHttpConnection c = RawHttpConnection.open(server.getPort(), PATH,
                Map.of("Content-Length", String.valueOf(8 * MIB)))) {
            sendUntilRefused(c, 8 * MIB, false);
            String answer = c.answer().get(30, TimeUnit.SECONDS);
            assertThat(RawHttpConnection.status(answer)).isEqualTo(413);
        }
        // today's default would have buffered the 8 MiB first (the server's own limit is 10 MiB)
        long allocated = eventLoopAllocatedBytes() - before;
        System.out.println("declared 8 MiB over a 64 KiB limit: " + allocated + " bytes allocated by the server");
        assertThat(allocated).as("bytes allocated by the HTTP server").isLessThan(4L * MIB);
        assertThat(received).isEmpty();
    }

    @Test
    void chunkedPostsOverMaxBodySizeAreRefused413WithoutBufferingTheRest() throws Exception {
        start("&maxBodySize=262144");
        warmUp();
        long before = eventLoopAllocatedBytes();
        for (int i = 0; i < 4; i++) {
            try (RawHttpConnection c = RawHttpConnection.open(server.getPort(), PATH,
                    Map.of("Transfer-Encoding", "chunked"))) {
                long sent = sendUntilRefused(c, 50 * MIB, true);
                String answer = c.answer().get(30, TimeUnit.SECONDS);
                assertThat(RawHttpConnection.status(answer)).isEqualTo(413);
                assertThat(sent).as("the server stopped reading long before 50 MB").isLessThan(50L * MIB);
            }
        }
        // four 50 MB posts: a few MiB allocated in all, not 4 x 10 MiB (and its copies)
        long allocated = eventLoopAllocatedBytes() - before;
        System.out.println("four chunked 50 MiB posts over a 256 KiB limit: " + allocated + " bytes allocated");
        assertThat(allocated).as("bytes allocated by the HTTP server")
                .isLessThan(16L * MIB);
        assertThat(received).isEmpty();
    }

    @Test
    void aSlowDripPostIsAnswered408AndItsConnectionClosedAfterTheReadTimeout() throws Exception {
        start("&deliveryReadTimeout=1s");
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> headers = new java.util.LinkedHashMap<>(signedHeaders(SECRET, body));
        headers.put("Content-Length", String.valueOf(body.length));
        try (RawHttpConnection c = RawHttpConnection.open(server.getPort(), PATH, headers)) {
            // one byte every 200 ms: the body would take minutes
            Thread dripper = new Thread(() -> {
                for (byte b : body) {
                    if (!c.write(new byte[] { b }) || c.answer().isDone()) {
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            dripper.setDaemon(true);
            dripper.start();
            String answer = c.answer().get(30, TimeUnit.SECONDS);
            assertThat(RawHttpConnection.status(answer)).isEqualTo(408);
            assertThat(c.sent()).isLessThan(body.length);
            dripper.interrupt();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aClientThatGoesAwayMidBodyLogsOneLineWithoutAStackTrace() throws Exception {
        start("");
        String text;
        try (LogCapture logs = LogCapture.capture()) {
            RawHttpConnection c = RawHttpConnection.open(server.getPort(), PATH, Map.of("Content-Length", "100000"));
            c.write(new byte[1000]);
            Thread.sleep(200);
            c.abort();
            // the server notices; then a normal delivery still works
            byte[] body = statusChanged("ev-1", 1, "open", "solved");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(post(server.getPort(), PATH, body, signedHeaders(SECRET, body)).statusCode())
                            .isEqualTo(200));
            Thread.sleep(500);
            text = logs.text();
        }
        System.out.println("=== captured ===\n" + text + "\n===");
        assertThat(text).doesNotContain(" | ").doesNotContain("\tat ");
        assertThat(text.lines().filter(l -> l.toLowerCase().contains("closed") || l.contains("abort")).count())
                .isLessThanOrEqualTo(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void aBodyWithinTheLimitsStillReachesTheRoute() throws Exception {
        start("&maxBodySize=65536&deliveryReadTimeout=5s");
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        assertThat(post(server.getPort(), PATH, body, signedHeaders(SECRET, body)).statusCode()).isEqualTo(200);
        byte[] chunked = statusChanged("ev-2", 1, "open", "solved");
        assertThat(postChunked(server.getPort(), PATH, chunked, signedHeaders(SECRET, chunked)).statusCode())
                .isEqualTo(200);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).getMessage().getBody(io.camelzendesk.model.WebhookEvent.class).getRaw())
                .isEqualTo(body);
    }

    /**
     * The JDK's default client asks for HTTP/2 (h2c upgrade), which Vert.x accepts: an HTTP/2 request whose body was
     * read must still reach the route (platform-http's own body handler resumes the request, which Vert.x refuses on
     * an HTTP/2 request already read: a 500 for every delivery, seen under camel run).
     */
    @Test
    void anHttp2DeliveryReachesTheRouteAndAnUnsignedOneIs401() throws Exception {
        start("&maxBodySize=65536&deliveryReadTimeout=5s");
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        byte[] body = statusChanged("ev-h2", 1, "open", "solved");
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + server.getPort() + PATH);
        java.net.http.HttpResponse<String> unsigned = http2.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(401);
        java.net.http.HttpRequest.Builder signed = java.net.http.HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json");
        signedHeaders(SECRET, body).forEach(signed::header);
        java.net.http.HttpResponse<String> answer = http2.send(
                signed.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(received).hasSize(1);
    }

    /** One delivery first, so that what the server allocates once (classes, pools) is not counted. */
    private void warmUp() throws Exception {
        byte[] body = statusChanged("ev-warm-up", 1, "open", "solved");
        assertThat(post(server.getPort(), PATH, body, signedHeaders(SECRET, body)).statusCode()).isEqualTo(200);
        received.clear();
    }

    /** Writes up to {@code total} bytes in 64 KiB pieces until the server answers or stops reading. */
    private static long sendUntilRefused(RawHttpConnection c, long total, boolean chunked) {
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) 'x');
        long sent = 0;
        while (sent < total && c.receivedSoFar().isEmpty()) {
            if (!(chunked ? c.writeChunk(piece) : c.write(piece))) {
                break;
            }
            sent += piece.length;
        }
        return sent;
    }

    /** Heap bytes allocated so far by the Vert.x event-loop threads (where the server buffers request bodies). */
    private static long eventLoopAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("vert.x-eventloop")) {
                total += Math.max(0, threads.getThreadAllocatedBytes(t.getId()));
            }
        }
        return total;
    }
}
