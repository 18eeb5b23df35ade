package io.camelzendesk.component.realtime;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.model.Ticket;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelzendesk.test.WebhookTestSupport.addHttpServer;
import static io.camelzendesk.test.WebhookTestSupport.post;
import static io.camelzendesk.test.WebhookTestSupport.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook path's contract with Zendesk (WireMock), on a webhook registered by hand (signingSecret): what is read,
 * what is routed and what is left to the export.
 */
class RealtimeWebhookPathTest {

    static final String SECRET = "hand-registered-secret";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path state;

    private CamelContext context;
    private VertxPlatformHttpServer server;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // the export finds nothing (it is not what this test is about)
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json"))
                .willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"c\",\"end_of_stream\":true}")));
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.start();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:tickets?realtime=true&signingSecret=" + SECRET + "&baseUrl=" + wm.baseUrl()
                     + "&oauthToken=tok&incrementalRequestsPerMinute=0&delay=60000&stateDirectory=" + state)
                        .routeId("changes").process(e -> received.add(e.copy()));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("changes").getConsumer()
                instanceof ZendeskRealtimeConsumer c && c.webhookServing());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private int deliver(String type, long ticket, String updatedAt) throws Exception {
        byte[] body = ("{\"type\":\"zen:event-type:" + type + "\",\"account_id\":1,\"id\":\"" + java.util.UUID.randomUUID()
                       + "\",\"time\":\"" + updatedAt + "\",\"zendesk_event_version\":\"2022-11-06\",\"subject\":"
                       + "\"zen:ticket:" + ticket + "\",\"detail\":{\"id\":\"" + ticket + "\",\"status\":\"OPEN\","
                       + "\"updated_at\":\"" + updatedAt + "\"},\"event\":{}}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post(server.getPort(), "/zendesk/realtime/tickets", body, signedHeaders(SECRET, body));
        return r.statusCode();
    }

    private void ticket(long id, String updatedAt, String subject) {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + id)).willReturn(okJson("{\"ticket\":{\"id\":" + id
                + ",\"subject\":\"" + subject + "\",\"status\":\"open\",\"updated_at\":\"" + updatedAt
                + "\",\"custom_fields\":[]}}")));
    }

    @Test
    void anEventIsRoutedAsTheTicketReadOnceAndItsVersionIsNotReadAgain() throws Exception {
        ticket(7, "2026-01-01T10:00:05Z", "Printer on fire");
        assertThat(deliver("ticket.status_changed", 7, "2026-01-01T10:00:05Z")).isEqualTo(200);
        assertThat(received).hasSize(1);
        Exchange e = received.get(0);
        assertThat(e.getMessage().getBody(Ticket.class).getSubject()).isEqualTo("Printer on fire");
        assertThat(e.getMessage().getHeader(ZendeskConstants.DELIVERED_BY)).isEqualTo("webhook");
        assertThat(e.getMessage().getHeader(ZendeskConstants.EVENT_TYPE)).isEqualTo("zen:event-type:ticket.status_changed");
        // another event of the same change (same updated_at): acknowledged without a request or a route
        assertThat(deliver("ticket.priority_changed", 7, "2026-01-01T10:00:05Z")).isEqualTo(200);
        assertThat(received).hasSize(1);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tickets/7")));
    }

    @Test
    void theReadBringsTheSideloadsAndCustomFieldsByTitleSoTheRouteReadsNothing() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/12")).withQueryParam("include", equalTo("users"))
                .willReturn(okJson("{\"ticket\":{\"id\":12,\"requester_id\":500,\"status\":\"open\","
                        + "\"updated_at\":\"2026-01-01T10:00:05Z\",\"custom_fields\":[{\"id\":77,\"value\":\"gizmo\"}]},"
                        + "\"users\":[{\"id\":500,\"name\":\"Ann\",\"email\":\"ann@example.com\"},{\"id\":9,\"name\":\"x\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).willReturn(okJson("{\"ticket_fields\":[{\"id\":77,"
                + "\"type\":\"text\",\"title\":\"Product\"}],\"meta\":{\"has_more\":false}}")));
        List<Exchange> enriched = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:tickets?realtime=true&path=/zendesk/realtime/enriched&signingSecret=" + SECRET
                     + "&baseUrl=" + wm.baseUrl() + "&oauthToken=tok&incrementalRequestsPerMinute=0&delay=60000"
                     + "&stateDirectory=" + state + "&include=users&customFieldsByName=true")
                        .routeId("enriched").process(e -> enriched.add(e.copy()));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("enriched").getConsumer()
                instanceof ZendeskRealtimeConsumer c && c.webhookServing());
        byte[] body = ("{\"type\":\"zen:event-type:ticket.status_changed\",\"account_id\":1,\"id\":\"e-12\","
                       + "\"time\":\"2026-01-01T10:00:05Z\",\"subject\":\"zen:ticket:12\",\"detail\":{\"id\":\"12\","
                       + "\"updated_at\":\"2026-01-01T10:00:05Z\"},\"event\":{}}").getBytes(StandardCharsets.UTF_8);
        assertThat(post(server.getPort(), "/zendesk/realtime/enriched", body, signedHeaders(SECRET, body))
                .statusCode()).isEqualTo(200);
        assertThat(enriched).singleElement().satisfies(e -> {
            Map<?, ?> sideloads = e.getMessage().getHeader(ZendeskConstants.SIDELOADS, Map.class);
            assertThat(((Map<?, ?>) sideloads.get("users")).values()).singleElement().asString().contains("Ann");
            assertThat(e.getMessage().getHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME, Map.class))
                    .containsEntry("Product", "gizmo");
        });
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tickets/12")));
    }

    @Test
    void aReadOlderThanTheEventIsNeitherRoutedNorMarkedDelivered() throws Exception {
        // Zendesk answers the version before the event's (a replica behind), three times
        ticket(8, "2026-01-01T10:00:00Z", "before");
        assertThat(deliver("ticket.status_changed", 8, "2026-01-01T10:00:09Z")).isEqualTo(200);
        assertThat(received).isEmpty();
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/v2/tickets/8")));
        // so the version is still to be delivered: once Zendesk answers it, the next delivery routes it
        ticket(8, "2026-01-01T10:00:09Z", "after");
        assertThat(deliver("ticket.status_changed", 8, "2026-01-01T10:00:09Z")).isEqualTo(200);
        assertThat(received).extracting(x -> x.getMessage().getBody(Ticket.class).getSubject()).containsExactly("after");
    }

    @Test
    void aTicketDeletedSinceItsEventIsTheEventsDetail() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/9")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"RecordNotFound\"}")));
        assertThat(deliver("ticket.soft_deleted", 9, "2026-01-01T10:00:07Z")).isEqualTo(200);
        assertThat(received).hasSize(1);
        Ticket t = received.get(0).getMessage().getBody(Ticket.class);
        assertThat(t.getId()).isEqualTo(9L);
        assertThat(t.get("updated_at")).isEqualTo("2026-01-01T10:00:07Z");
    }

    @Test
    void aRouteStoppedMidDeliveryCommitsItAndLeavesNoClaimBehind() throws Exception {
        ticket(11, "2026-01-01T10:00:05Z", "slow");
        replaceRoute(e -> {
            routeEntered.countDown();
            routeMayEnd.await(10, java.util.concurrent.TimeUnit.SECONDS);
        });
        java.util.concurrent.CompletableFuture<Integer> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return deliver("ticket.status_changed", 11, "2026-01-01T10:00:05Z");
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(routeEntered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // the route is stopped while the delivery runs; it then completes
        java.util.concurrent.CompletableFuture<Void> stopping = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute("changes");
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        Thread.sleep(500);
        routeMayEnd.countDown();
        stopping.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received).hasSize(1);
        // the delivery committed before the ledger's store closed: its version delivered, no claim left to run out
        String ledger = java.nio.file.Files.readString(state.resolve("zendesk-positions.dat"));
        assertThat(ledger).containsPattern("\\\\?\"11\\\\?\":\\[\\d+\\]");
        answer.cancel(true);
    }

    private final java.util.concurrent.CountDownLatch routeEntered = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch routeMayEnd = new java.util.concurrent.CountDownLatch(1);

    private void replaceRoute(org.apache.camel.Processor step) throws Exception {
        context.getRouteController().stopRoute("changes");
        context.removeRoute("changes");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:tickets?realtime=true&signingSecret=" + SECRET + "&baseUrl=" + wm.baseUrl()
                     + "&oauthToken=tok&incrementalRequestsPerMinute=0&delay=60000&stateDirectory=" + state)
                        .routeId("changes").errorHandler(noErrorHandler()).process(step)
                        .process(e -> received.add(e.copy()));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("changes").getConsumer()
                instanceof ZendeskRealtimeConsumer c && c.webhookServing());
    }

    @Test
    void aRouteFailureIsAnsweredForZendeskToRetryAndTheVersionStaysToBeDelivered() throws Exception {
        ticket(10, "2026-01-01T10:00:05Z", "x");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        replaceRoute(e -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream down");
            }
        });
        assertThat(deliver("ticket.status_changed", 10, "2026-01-01T10:00:05Z")).isEqualTo(503);
        assertThat(deliver("ticket.status_changed", 10, "2026-01-01T10:00:05Z")).isEqualTo(200);
        assertThat(received).hasSize(1);
    }
}
