package io.camelzendesk.component;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.camelzendesk.test.WebhookTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays: one captured, validly signed delivery sent again inside the clock-skew window, with or without a fresh
 * invocation id, is acknowledged and not routed; a delivery signed anew (another timestamp) is a new one.
 */
class ZendeskWebhookReplayTest {

    private static final String SECRET = "dGhpc2lzYXNpZ25pbmdzZWNyZXQxMjM0NTY3ODkw";
    private static final String PATH = "/zendesk/webhook";
    private static final byte[] TRIGGER = "{\"ticket\":{\"id\":\"77\",\"status\":\"solved\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private final List<CamelContext> contexts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    /** A node: its own context and HTTP port, with the given options; returns its port. */
    private int node(String options, List<Exchange> routed, MemoryIdempotentRepository shared) throws Exception {
        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServer server = addHttpServer(context);
        if (shared != null) {
            context.getRegistry().bind("shared", shared);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:webhook?signingSecret=" + SECRET + options).process(e -> routed.add(e.copy()));
            }
        });
        context.start();
        contexts.add(context);
        return server.getPort();
    }

    private static Map<String, String> withInvocationId(Map<String, String> captured, String invocationId) {
        Map<String, String> h = new java.util.LinkedHashMap<>(captured);
        h.put("X-Zendesk-Webhook-Invocation-Id", invocationId);
        return h;
    }

    @Test
    void oneSignedDeliveryReplayed200TimesWithFreshInvocationIdsIsRoutedOnce() throws Exception {
        List<Exchange> routed = new CopyOnWriteArrayList<>();
        int port = node("", routed, null);
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> captured = signedHeaders(SECRET, body, now(), "inv-original");
        assertThat(post(port, PATH, body, captured).body()).isEqualTo("ok");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> replay = post(port, PATH, body, withInvocationId(captured, UUID.randomUUID().toString()));
            // acknowledged, so that a sender that is Zendesk stops; not routed
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body()).isEqualTo("duplicate");
        }
        assertThat(routed).hasSize(1);
    }

    @Test
    void aTriggerPayloadWithoutTheInvocationIdHeaderReplayedIsRoutedOnce() throws Exception {
        List<Exchange> routed = new CopyOnWriteArrayList<>();
        int port = node("", routed, null);
        Map<String, String> captured = signedHeaders(SECRET, TRIGGER);
        captured.remove("X-Zendesk-Webhook-Invocation-Id");
        for (int i = 0; i < 20; i++) {
            assertThat(post(port, PATH, TRIGGER, captured).statusCode()).isEqualTo(200);
        }
        assertThat(routed).hasSize(1);
    }

    @Test
    void theSameBodySignedAtAnotherTimestampIsANewDeliveryAndIsRouted() throws Exception {
        List<Exchange> routed = new CopyOnWriteArrayList<>();
        int port = node("", routed, null);
        String earlier = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        for (String timestamp : new String[] { earlier, now() }) {
            Map<String, String> headers = signedHeaders(SECRET, TRIGGER, timestamp, "unused");
            headers.remove("X-Zendesk-Webhook-Invocation-Id");
            HttpResponse<String> r = post(port, PATH, TRIGGER, headers);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
        }
        assertThat(routed).hasSize(2);
    }

    @Test
    void aReplayToAnotherReplicaSharingTheRepositoryIsRecognisedThere() throws Exception {
        MemoryIdempotentRepository shared = new MemoryIdempotentRepository();
        List<Exchange> routed = new CopyOnWriteArrayList<>();
        int a = node("&idempotentRepository=#shared", routed, shared);
        int b = node("&idempotentRepository=#shared", routed, shared);
        Map<String, String> captured = signedHeaders(SECRET, TRIGGER);
        captured.remove("X-Zendesk-Webhook-Invocation-Id");
        assertThat(post(a, PATH, TRIGGER, captured).body()).isEqualTo("ok");
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> replay = post(i % 2 == 0 ? b : a, PATH, TRIGGER,
                    withInvocationId(captured, UUID.randomUUID().toString()));
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body()).isEqualTo("duplicate");
        }
        assertThat(routed).hasSize(1);
    }

    @Test
    void aReplayOfADeliveryWhoseRouteFailedIsProcessedAsZendesksRetry() throws Exception {
        List<Exchange> routed = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServer server = addHttpServer(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("zendesk:webhook?signingSecret=" + SECRET).process(e -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("downstream unavailable");
                    }
                }).process(e -> routed.add(e.copy()));
            }
        });
        context.start();
        contexts.add(context);
        // Zendesk's retry within the same second carries the same timestamp, hence the same signature
        Map<String, String> headers = signedHeaders(SECRET, TRIGGER, now(), "inv-1");
        assertThat(post(server.getPort(), PATH, TRIGGER, headers).statusCode()).isEqualTo(503);
        assertThat(post(server.getPort(), PATH, TRIGGER, headers).body()).isEqualTo("ok");
        assertThat(post(server.getPort(), PATH, TRIGGER, withInvocationId(headers, "inv-2")).body())
                .isEqualTo("duplicate");
        assertThat(routed).hasSize(1);
    }
}
