package io.camelzendesk.component;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.camelzendesk.model.WebhookEvent;
import io.camelzendesk.test.LogCapture;

import static io.camelzendesk.test.WebhookTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import io.camelzendesk.component.webhook.ZendeskWebhookConsumer;

/** Real HTTP deliveries to a {@code zendesk:webhook} route on a random port, signed by the test. */
class ZendeskWebhookConsumerTest {

    private static final String SECRET = "dGhpc2lzYXNpZ25pbmdzZWNyZXQxMjM0NTY3ODkw";
    private static final String PATH = "/zendesk/webhook";

    private CamelContext context;
    private VertxPlatformHttpServer server;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final List<CamelContext> replicas = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        replicas.forEach(CamelContext::stop);
    }

    private void start(String options) throws Exception {
        start(options, e -> {
        });
    }

    private void start(String options, Processor step) throws Exception {
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.getRegistry().bind("repo", MemoryIdempotentRepository.memoryIdempotentRepository(100));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("zendesk:webhook?signingSecret=" + SECRET + options).routeId("hook")
                        .process(step)
                        .process(e -> received.add(e.copy()));
            }
        });
        context.start();
    }

    private int port() {
        return server.getPort();
    }

    private HttpResponse<String> deliver(byte[] body) throws Exception {
        return post(port(), PATH, body, signedHeaders(SECRET, body));
    }

    @Test
    void aValidlySignedEventReachesTheRouteAsATypedEventWithItsHeaders() throws Exception {
        start("");
        byte[] body = statusChanged("ev-1", 123, "open", "solved");
        HttpResponse<String> r = post(port(), PATH, body, signedHeaders(SECRET, body, now(), "inv-1"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
        Exchange e = received.get(0);
        WebhookEvent event = e.getMessage().getBody(WebhookEvent.class);
        assertThat(event.getType()).isEqualTo("zen:event-type:ticket.status_changed");
        assertThat(event.getShortType()).isEqualTo("ticket.status_changed");
        assertThat(event.getEventId()).isEqualTo("ev-1");
        assertThat(event.getAccountId()).isEqualTo(4242L);
        assertThat(event.getTime()).isEqualTo(Instant.parse("2025-01-31T10:00:00Z"));
        assertThat(event.getSubject()).isEqualTo("zen:ticket:123");
        assertThat(event.getSubjectType()).isEqualTo("ticket");
        assertThat(event.getDetail()).containsEntry("subject", "Printer on fire");
        assertThat(event.getCurrent()).isEqualTo("solved");
        assertThat(event.getPrevious()).isEqualTo("open");
        assertThat(event.getRaw()).isEqualTo(body);
        assertThat(e.getMessage().getHeaders())
                .containsEntry(ZendeskConstants.EVENT_TYPE, "zen:event-type:ticket.status_changed")
                .containsEntry(ZendeskConstants.ACCOUNT_ID, "4242")
                .containsEntry(ZendeskConstants.WEBHOOK_ID, "01HWEBHOOK")
                .containsEntry(ZendeskConstants.INVOCATION_ID, "inv-1")
                .containsEntry(ZendeskConstants.SUBJECT_ID, "123");
        // the HTTP request's own headers stay out of the route
        assertThat(e.getMessage().getHeaders()).doesNotContainKey("X-Zendesk-Webhook-Signature");
    }

    @Test
    void aWrongSignatureIs401AndNotRouted() throws Exception {
        start("");
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> otherSecret = signedHeaders("another-secret", body);
        assertThat(post(port(), PATH, body, otherSecret).statusCode()).isEqualTo(401);

        Map<String, String> tampered = signedHeaders(SECRET, body);
        byte[] changed = statusChanged("ev-1", 1, "open", "closed");
        assertThat(post(port(), PATH, changed, tampered).statusCode()).isEqualTo(401);

        Map<String, String> garbage = signedHeaders(SECRET, body);
        garbage.put("X-Zendesk-Webhook-Signature", "not base64 !!");
        assertThat(post(port(), PATH, body, garbage).statusCode()).isEqualTo(401);
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingSignatureOrTimestampIs401() throws Exception {
        start("");
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        assertThat(post(port(), PATH, body, Map.of()).statusCode()).isEqualTo(401);

        Map<String, String> noTimestamp = signedHeaders(SECRET, body);
        noTimestamp.remove("X-Zendesk-Webhook-Signature-Timestamp");
        assertThat(post(port(), PATH, body, noTimestamp).statusCode()).isEqualTo(401);
        assertThat(received).isEmpty();
    }

    @Test
    void aCorrectlySignedButStaleDeliveryIs401() throws Exception {
        start("&maxClockSkew=5m");
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        String old = Instant.now().minus(6, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        String future = Instant.now().plus(6, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(post(port(), PATH, body, signedHeaders(SECRET, body, old, "inv-old")).statusCode()).isEqualTo(401);
        assertThat(post(port(), PATH, body, signedHeaders(SECRET, body, future, "inv-future")).statusCode())
                .isEqualTo(401);
        String recent = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(post(port(), PATH, body, signedHeaders(SECRET, body, recent, "inv-recent")).statusCode())
                .isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void anEmptyBodyIsVerifiedOverTheTimestampAloneAndRoutedAsAnEmptyMap() throws Exception {
        start("");
        byte[] empty = new byte[0];
        assertThat(post(port(), PATH, empty, signedHeaders(SECRET, empty)).statusCode()).isEqualTo(200);
        Map<String, String> wrong = signedHeaders(SECRET, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(post(port(), PATH, empty, wrong).statusCode()).isEqualTo(401);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMessage().getBody(Map.class)).isEmpty();
    }

    @Test
    void aBodyOverMaxBodySizeIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        start("&maxBodySize=1024");
        byte[] big = ("{\"type\":\"zen:event-type:ticket.created\",\"id\":\"big\",\"pad\":\"" + "x".repeat(5000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(port(), PATH, big, signedHeaders(SECRET, big)).statusCode()).isEqualTo(413);
        assertThat(postChunked(port(), PATH, big, signedHeaders(SECRET, big)).statusCode()).isEqualTo(413);
        byte[] small = statusChanged("ev-small", 1, "open", "solved");
        assertThat(postChunked(port(), PATH, small, signedHeaders(SECRET, small)).statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400AndNotRouted() throws Exception {
        start("");
        for (String bad : new String[] { "{\"type\": ", "not json", "{\"a\":1} trailing" }) {
            byte[] body = bad.getBytes(StandardCharsets.UTF_8);
            assertThat(post(port(), PATH, body, signedHeaders(SECRET, body)).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aDuplicateInvocationIsAcknowledgedAndRoutedOnce() throws Exception {
        start("");
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> headers = signedHeaders(SECRET, body, now(), "inv-dup");
        assertThat(post(port(), PATH, body, headers).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(port(), PATH, body, headers);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("duplicate");
        assertThat(received).hasSize(1);
    }

    @Test
    void withoutAnInvocationIdTheEventIdIsTheDuplicateKey() throws Exception {
        start("");
        byte[] body = statusChanged("ev-same", 1, "open", "solved");
        for (int i = 0; i < 2; i++) {
            Map<String, String> headers = signedHeaders(SECRET, body);
            headers.remove("X-Zendesk-Webhook-Invocation-Id");
            assertThat(post(port(), PATH, body, headers).statusCode()).isEqualTo(200);
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void aConfiguredIdempotentRepositoryIsTheOneConsulted() throws Exception {
        start("&idempotentRepository=#repo");
        MemoryIdempotentRepository repo = context.getRegistry().lookupByNameAndType("repo",
                MemoryIdempotentRepository.class);
        // completed by another replica: its key and the done mark
        repo.add("inv-done-elsewhere");
        repo.add("inv-done-elsewhere" + ZendeskWebhookConsumer.DONE_SUFFIX);
        // taken by another replica, not completed (yet)
        repo.add("inv-running-elsewhere");
        // three deliveries (three bodies: the same body signed in the same second would be a replay of the first)
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        HttpResponse<String> done = post(port(), PATH, body, signedHeaders(SECRET, body, now(), "inv-done-elsewhere"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("duplicate");
        byte[] second = statusChanged("ev-2", 1, "open", "solved");
        HttpResponse<String> running = post(port(), PATH, second,
                signedHeaders(SECRET, second, now(), "inv-running-elsewhere"));
        assertThat(running.statusCode()).isEqualTo(409);
        assertThat(received).isEmpty();
        // what this replica completes is marked done in the same repository
        byte[] third = statusChanged("ev-3", 1, "open", "solved");
        assertThat(post(port(), PATH, third, signedHeaders(SECRET, third, now(), "inv-new")).statusCode())
                .isEqualTo(200);
        assertThat(repo.contains("inv-new")).isTrue();
        assertThat(repo.contains("inv-new" + ZendeskWebhookConsumer.DONE_SUFFIX)).isTrue();
    }

    @Test
    void aRetryOnAnotherReplicaWhileTheFirstAttemptRunsIs409AndIsProcessedOnceTheFirstFailed() throws Exception {
        MemoryIdempotentRepository shared = new MemoryIdempotentRepository();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Exchange> routedOnA = new CopyOnWriteArrayList<>();
        List<Exchange> routedOnB = new CopyOnWriteArrayList<>();
        int replicaA = replica(shared, e -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            throw new IllegalStateException("downstream unavailable");
        }, routedOnA);
        int replicaB = replica(shared, e -> {
        }, routedOnB);
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> headers = signedHeaders(SECRET, body, now(), "inv-two-replicas");

        CompletableFuture<HttpResponse<String>> first = postAsync(replicaA, PATH, body, headers);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        // Zendesk timed out on A and retries on B while A's route still runs: not acknowledged
        assertThat(post(replicaB, PATH, body, headers).statusCode()).isEqualTo(409);
        // A's route fails: A answers 503 and forgets the key
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        // Zendesk's next retry, on B, is processed; and one after that is a duplicate on either replica
        HttpResponse<String> retry = post(replicaB, PATH, body, headers);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo("ok");
        assertThat(post(replicaA, PATH, body, headers).body()).isEqualTo("duplicate");
        assertThat(post(replicaB, PATH, body, headers).body()).isEqualTo("duplicate");
        assertThat(routedOnA).isEmpty();
        assertThat(routedOnB).hasSize(1);
    }

    /** Another replica: its own CamelContext and HTTP port, the given shared repository; returns its port. */
    private int replica(MemoryIdempotentRepository shared, Processor step, List<Exchange> routed) throws Exception {
        CamelContext replica = new DefaultCamelContext();
        VertxPlatformHttpServer http = addHttpServer(replica);
        replica.getRegistry().bind("shared", shared);
        replica.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("zendesk:webhook?signingSecret=" + SECRET + "&idempotentRepository=#shared")
                        .process(step)
                        .process(e -> routed.add(e.copy()));
            }
        });
        replica.start();
        replicas.add(replica);
        return http.getPort();
    }

    @Test
    void aFailingIdempotentRepositoryAnswers503AndDoesNotBlockTheRetry() throws Exception {
        AtomicInteger adds = new AtomicInteger();
        MemoryIdempotentRepository flaky = new MemoryIdempotentRepository() {
            @Override
            public boolean add(String key) {
                if (adds.incrementAndGet() == 1) {
                    throw new IllegalStateException("database unavailable");
                }
                return super.add(key);
            }
        };
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.getRegistry().bind("flaky", flaky);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:webhook?signingSecret=" + SECRET + "&idempotentRepository=#flaky")
                        .process(e -> received.add(e.copy()));
            }
        });
        context.start();
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> headers = signedHeaders(SECRET, body, now(), "inv-flaky");
        HttpResponse<String> first = post(port(), PATH, body, headers);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        assertThat(post(port(), PATH, body, headers).statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void aFailingRouteAnswers503WithRetryAfterAndZendesksRetryIsProcessedOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        start("", e -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream unavailable");
            }
        });
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> headers = signedHeaders(SECRET, body, now(), "inv-retry");
        HttpResponse<String> failed = post(port(), PATH, body, headers);
        // Zendesk retries a 503 whose Retry-After is under a minute (not a plain 500)
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(received).isEmpty();
        // Zendesk retries the same invocation: processed this time
        assertThat(post(port(), PATH, body, headers).statusCode()).isEqualTo(200);
        // and a further retry is a duplicate
        assertThat(post(port(), PATH, body, headers).statusCode()).isEqualTo(200);
        assertThat(attempts).hasValue(2);
        assertThat(received).hasSize(1);
    }

    @Test
    void aDuplicateArrivingWhileTheFirstIsStillInTheRouteIs409SoZendeskRetriesIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start("", e -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> headers = signedHeaders(SECRET, body, now(), "inv-concurrent");
        CompletableFuture<HttpResponse<String>> first = postAsync(port(), PATH, body, headers);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(post(port(), PATH, body, headers).statusCode()).isEqualTo(409);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void eventTypesFilterWhatTheRouteReceivesAndAcknowledgeTheRest() throws Exception {
        start("&eventTypes=ticket.created,zen:event-type:ticket.comment_added");
        byte[] statusChanged = statusChanged("ev-1", 1, "open", "solved");
        byte[] created = event("zen:event-type:ticket.created", "ev-2", 2, "{}");
        byte[] comment = event("zen:event-type:ticket.comment_added", "ev-3", 3, "{}");
        HttpResponse<String> filtered = deliver(statusChanged);
        assertThat(filtered.statusCode()).isEqualTo(200);
        assertThat(filtered.body()).isEqualTo("ignored");
        assertThat(deliver(created).statusCode()).isEqualTo(200);
        assertThat(deliver(comment).statusCode()).isEqualTo(200);
        assertThat(received).extracting(e -> e.getMessage().getHeader(ZendeskConstants.EVENT_TYPE))
                .containsExactly("zen:event-type:ticket.created", "zen:event-type:ticket.comment_added");
    }

    @Test
    void aTriggerConnectedDeliveryArrivesAsParsedJson() throws Exception {
        start("");
        byte[] body = "{\"ticket\":{\"id\":\"77\",\"status\":\"solved\",\"tags\":\"vip urgent\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(body).statusCode()).isEqualTo(200);
        Exchange e = received.get(0);
        assertThat(e.getMessage().getBody()).isInstanceOf(Map.class).isNotInstanceOf(WebhookEvent.class);
        assertThat(e.getMessage().getBody(Map.class)).containsKey("ticket");
        assertThat(e.getMessage().getHeader(ZendeskConstants.SUBJECT_ID)).isEqualTo("77");
        assertThat(e.getMessage().getHeader(ZendeskConstants.EVENT_TYPE)).isEqualTo("conditional_ticket_events");
    }

    @Test
    void asyncAckAnswersBeforeTheRouteHasFinished() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        start("&asyncAck=true", e -> {
            release.await(30, TimeUnit.SECONDS);
            finished.set(true);
        });
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        HttpResponse<String> r = deliver(body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("accepted");
        assertThat(finished).isFalse();
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        assertThat(finished).isTrue();
    }

    @Test
    void withAsyncAckAFailedRouteForgetsTheKeySoARedeliveryIsProcessed() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        start("&asyncAck=true", e -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
        });
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        Map<String, String> headers = signedHeaders(SECRET, body, now(), "inv-async");
        assertThat(post(port(), PATH, body, headers).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts.get() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = post(port(), PATH, body, headers);
            return r.statusCode() == 200 && "accepted".equals(r.body());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
    }

    @Test
    void onlyTheConfiguredHttpMethodIsServed() throws Exception {
        start("&httpMethods=PUT");
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        assertThat(deliver(body).statusCode()).isEqualTo(405);
        assertThat(received).isEmpty();
    }

    @Test
    void verifySignatureFalseRoutesUnsignedDeliveriesAndWarnsAtStart() throws Exception {
        try (LogCapture logs = LogCapture.capture()) {
            context = new DefaultCamelContext();
            server = addHttpServer(context);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("zendesk:webhook?verifySignature=false").process(e -> received.add(e.copy()));
                }
            });
            context.start();
            assertThat(logs.text()).contains("signature verification is OFF (verifySignature=false)");
        }
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        assertThat(post(port(), PATH, body, Map.of()).statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void noSecretWithVerificationOnRefusesToStartNamingTheWayOut() throws Exception {
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:webhook").to("log:never");
            }
        });
        assertThatThrownBy(context::start).satisfies(t -> {
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(IllegalArgumentException.class);
            assertThat(root.getMessage()).contains("signingSecret").contains("verifySignature=false")
                    .contains("autoRegister=true");
        });
    }

    @Test
    void aYamlRouteAsInTheDocsReadsTheTriggerPayload() throws Exception {
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.getRegistry().bind("received", (Processor) e -> received.add(e.copy()));
        String yaml = """
                - route:
                    from:
                      uri: zendesk:webhook
                      parameters:
                        path: /zendesk/webhook
                        signingSecret: "%s"
                      steps:
                        - setHeader:
                            name: line
                            simple: "Ticket ${header.CamelZendeskSubjectId} solved: ${body[ticket][subject]}"
                        - process:
                            ref: received
                """.formatted(SECRET);
        org.apache.camel.support.PluginHelper.getRoutesLoader(context)
                .loadRoutes(org.apache.camel.support.ResourceHelper.fromString("webhook.yaml", yaml));
        context.start();
        byte[] body = "{\"ticket\":{\"id\":\"77\",\"subject\":\"Printer on fire\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(body).statusCode()).isEqualTo(200);
        assertThat(received.get(0).getMessage().getHeader("line")).isEqualTo("Ticket 77 solved: Printer on fire");
    }

    @Test
    void theSigningSecretNeverAppearsInLogsOrErrors() throws Exception {
        String text;
        try (LogCapture logs = LogCapture.capture()) {
            AtomicInteger n = new AtomicInteger();
            start("", e -> {
                if (n.incrementAndGet() == 1) {
                    throw new IllegalStateException("route failure");
                }
            });
            byte[] body = statusChanged("ev-1", 1, "open", "solved");
            assertThat(deliver(body).statusCode()).isEqualTo(503);
            assertThat(deliver(body).statusCode()).isEqualTo(200);
            assertThat(post(port(), PATH, body, signedHeaders("wrong", body)).statusCode()).isEqualTo(401);
            assertThat(post(port(), PATH, body, Map.of()).statusCode()).isEqualTo(401);
            HttpResponse<String> bad = post(port(), PATH, "{".getBytes(), signedHeaders(SECRET, "{".getBytes()));
            assertThat(bad.body()).doesNotContain(SECRET);
            context.getRouteController().stopRoute("hook");
            context.getRouteController().startRoute("hook");
            context.stop();
            // an endpoint refused at creation: its message does not carry the secret either
            CamelContext other = new DefaultCamelContext();
            other.start();
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> other.getEndpoint(
                    "zendesk:webhook?signingSecret=" + SECRET + "&autoRegister=true&subdomain=acme&oauthToken=t"));
            other.stop();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
            }
            text = logs.text();
        }
        assertThat(text).contains("Zendesk webhook consumer on POST /zendesk/webhook");
        assertThat(text).doesNotContain(SECRET);
    }
}
