package io.camelzendesk.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.camelzendesk.emulator.WebhookDelivery;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.WebhookEvent;

import static io.camelzendesk.test.WebhookTestSupport.addHttpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end with the Zendesk emulator: the route registers its webhook (and trigger) through the emulator's API,
 * a ticket is solved there, the emulator delivers a signed request to the route's real HTTP port.
 */
class ZendeskWebhookEmulatorTest {

    private ZendeskEmulator zendesk;
    private CamelContext context;
    private VertxPlatformHttpServer server;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zendesk = ZendeskEmulator.builder().build();
        zendesk.start();
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        // the HTTP port is known once the context has started: the route that registers it comes after
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        zendesk.close();
    }

    private void route(String options) throws Exception {
        route(options, e -> {
        });
    }

    private void route(String options, org.apache.camel.Processor step) throws Exception {
        String uri = "zendesk:webhook?autoRegister=true&externalUrl=http://127.0.0.1:" + server.getPort()
                     + "/zendesk/webhook&baseUrl=" + zendesk.baseUrl() + "&email=" + ZendeskEmulator.ADMIN_EMAIL
                     + "&apiToken=" + ZendeskEmulator.API_TOKEN + "&webhookName=camel-e2e" + options;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(uri).routeId("hook").process(step).process(e -> received.add(e.copy()));
            }
        });
    }

    private long openTicket() {
        ObjectNode ticket = zendesk.admin().createTicket(Map.of("subject", "Printer on fire",
                "comment", Map.of("body", "It is on fire"), "status", "open"));
        return ticket.get("id").asLong();
    }

    private List<ObjectNode> named(String resource, String field) {
        return zendesk.admin().list(resource).stream().filter(o -> "camel-e2e".equals(o.path(field).asText())).toList();
    }

    @Test
    void aTicketSolvedInZendeskReachesTheRouteThroughATriggerConnectedWebhook() throws Exception {
        route("&triggerConditions=status_changed:solved");
        long id = openTicket();
        assertThat(named("webhooks", "name")).hasSize(1);
        assertThat(named("triggers", "title")).hasSize(1);

        zendesk.admin().updateTicket(id, Map.of("status", "solved"));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        Exchange e = received.get(0);
        assertThat(e.getMessage().getBody(Map.class)).containsKey("ticket");
        assertThat(e.getMessage().getHeader(ZendeskConstants.SUBJECT_ID)).isEqualTo(String.valueOf(id));
        @SuppressWarnings("unchecked")
        Map<String, Object> ticket = (Map<String, Object>) e.getMessage().getBody(Map.class).get("ticket");
        // {{ticket.status}} renders the status as Zendesk shows it: Solved
        assertThat(String.valueOf(ticket.get("status"))).isEqualToIgnoringCase("solved");
        assertThat(ticket).containsEntry("id", String.valueOf(id));
        List<WebhookDelivery> deliveries = zendesk.admin().awaitDeliveries(1, Duration.ofSeconds(30));
        assertThat(deliveries).allMatch(WebhookDelivery::succeeded);
        assertThat(e.getMessage().getHeader(ZendeskConstants.INVOCATION_ID))
                .isEqualTo(deliveries.get(0).invocationId());

        // a restart reuses nothing stale and creates no second copy; the stop removes both
        context.getRouteController().stopRoute("hook");
        assertThat(named("webhooks", "name")).isEmpty();
        assertThat(named("triggers", "title")).isEmpty();
        context.getRouteController().startRoute("hook");
        assertThat(named("webhooks", "name")).hasSize(1);
        assertThat(named("triggers", "title")).hasSize(1);
        context.getRouteController().stopRoute("hook");
        assertThat(named("webhooks", "name")).isEmpty();
        assertThat(named("triggers", "title")).isEmpty();
    }

    @Test
    void aRouteFailureIsRetriedByZendeskAndTheRetryIsProcessedOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        route("&triggerConditions=status_changed:solved", e -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream unavailable");
            }
        });
        long id = openTicket();
        zendesk.admin().updateTicket(id, Map.of("status", "solved"));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        List<WebhookDelivery> deliveries = zendesk.admin().awaitDeliveries(2, Duration.ofSeconds(30));
        assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(503, 200);
        assertThat(deliveries).extracting(WebhookDelivery::invocationId).containsOnly(deliveries.get(0).invocationId());
        assertThat(attempts).hasValue(2);
        assertThat(received).hasSize(1);
    }

    @Test
    void aStatusChangeReachesTheRouteAsATypedEventThroughAnEventSubscribedWebhook() throws Exception {
        route("&eventTypes=ticket.status_changed");
        long id = openTicket();
        zendesk.admin().updateTicket(id, Map.of("status", "solved"));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        WebhookEvent event = received.get(0).getMessage().getBody(WebhookEvent.class);
        assertThat(event.getType()).isEqualTo("zen:event-type:ticket.status_changed");
        assertThat(event.getSubjectId()).isEqualTo(String.valueOf(id));
        assertThat(String.valueOf(event.getCurrent())).containsIgnoringCase("solved");
        assertThat(zendesk.admin().awaitDeliveries(1, Duration.ofSeconds(30))).allMatch(WebhookDelivery::succeeded);
    }
}
