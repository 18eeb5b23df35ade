package io.camelzendesk.component.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.emulator.Fault;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.Ticket;

import static io.camelzendesk.test.WebhookTestSupport.addHttpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The realtime consumer on the emulator: its options, its background registration and health, both paths' shape. */
class RealtimeConsumerTest {

    private ZendeskEmulator zendesk;
    private CamelContext context;
    private VertxPlatformHttpServer server;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zendesk = ZendeskEmulator.builder().requestsPerMinute(0).incrementalRequestsPerMinute(0)
                .recentExclusion(Duration.ZERO).build();
        zendesk.start();
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        zendesk.close();
    }

    private String account() {
        return "baseUrl=" + zendesk.baseUrl() + "&email=" + ZendeskEmulator.ADMIN_EMAIL + "&apiToken="
               + ZendeskEmulator.API_TOKEN;
    }

    private void route(String options) throws Exception {
        String uri = "zendesk:tickets?realtime=true&externalUrl=http://127.0.0.1:" + server.getPort()
                     + "/zendesk/realtime/tickets&stateInMemory=true&delay=300&" + account() + options;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("changes").process(e -> received.add(e.copy()));
            }
        });
    }

    private Throwable creationFailure(String uri) {
        Throwable t = catchThrowable(() -> context.getEndpoint(uri));
        assertThat(t).isInstanceOf(ResolveEndpointFailedException.class);
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void anOptionThatCannotWorkFailsAtEndpointCreationNamingIt() {
        assertThat(creationFailure("zendesk:groups?realtime=true&externalUrl=https://h.example.com&" + account()))
                .hasMessageContaining("Option realtime").hasMessageContaining("articles, organizations, tickets, users");
        assertThat(creationFailure("zendesk:tickets?realtime=true&" + account()))
                .hasMessageContaining("Option realtime needs externalUrl").hasMessageContaining("signingSecret");
        assertThat(creationFailure("zendesk:tickets?realtime=true&pageAsList=true&externalUrl=https://h.example.com&"
                                   + account())).hasMessageContaining("Option pageAsList");
        assertThat(creationFailure("zendesk:tickets?realtime=true&externalUrl=ftp://h.example.com&" + account()))
                .hasMessageContaining("Option externalUrl");
        assertThat(creationFailure("zendesk:tickets?realtime=true&deliveryLease=10&externalUrl=https://h.example.com&"
                                   + account())).hasMessageContaining("Option deliveryLease");
    }

    @Test
    void theRouteStartsAtOnceAndIsReadyOnceTheWebhookIsRegisteredWhichIsRetried() throws Exception {
        // the first registration attempt fails (an unreadable answer); the next one, a second later, succeeds
        zendesk.admin().injectFault(Fault.malformedJson().onPath("/api/v2/webhooks").onMethod("GET").times(1));
        route("");
        HealthCheck check = HealthCheckRegistry.get(context).getCheck("zendesk-realtime-changes").orElseThrow();
        HealthCheck.Result first = check.call();
        assertThat(first.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(first.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("not served yet"));

        await().atMost(Duration.ofSeconds(15)).until(() -> check.call().getState() == HealthCheck.State.UP);
        HealthCheck.Result up = check.call();
        assertThat(up.getDetails()).containsKeys("deliveredByWebhook", "deliveredByExport", "webhookPath");

        // a change: at once by webhook, the current ticket (custom fields and all), with its event type
        ObjectNode t = zendesk.admin().createTicket(Map.of("subject", "Printer on fire", "comment",
                Map.of("body", "It is on fire")));
        long id = t.get("id").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream()
                .anyMatch(e -> Long.valueOf(id).equals(e.getMessage().getHeader(ZendeskConstants.ID))));
        Exchange e = received.stream().filter(x -> Long.valueOf(id).equals(x.getMessage().getHeader(ZendeskConstants.ID)))
                .findFirst().orElseThrow();
        assertThat(e.getMessage().getHeader(ZendeskConstants.DELIVERED_BY)).isEqualTo("webhook");
        assertThat(e.getMessage().getHeader(ZendeskConstants.EVENT_TYPE, String.class)).startsWith("zen:event-type:ticket.");
        Ticket ticket = e.getMessage().getBody(Ticket.class);
        assertThat(ticket.getSubject()).isEqualTo("Printer on fire");
        assertThat(ticket.fields()).containsKey("custom_fields");
        assertThat(e.getMessage().getHeader(ZendeskConstants.UPDATED_AT)).isEqualTo(t.get("updated_at").asText());

        // the dev console: the realtime route, its export and its webhook
        org.apache.camel.console.DevConsole console = org.apache.camel.console.DevConsoleRegistry.get(context)
                .resolveById("zendesk");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(org.apache.camel.console.DevConsole.MediaType.JSON);
        assertThat(json.get("realtime").toString()).contains("routeId=changes", "webhook=serving",
                "deliveredByWebhook=").doesNotContain("deliveredByWebhook=0");
        assertThat(json.get("exports").toString()).contains("routeId=changes");
        assertThat(json.get("webhooks").toString()).contains("routeId=changes");
        assertThat((String) console.call(org.apache.camel.console.DevConsole.MediaType.TEXT))
                .contains("Realtime: route changes, tickets, path /zendesk/realtime/tickets, webhook serving");
    }

    @Test
    void aRouteStoppedWhileItsWebhookRegistersLeavesNoWebhookBehind() throws Exception {
        // the registration's first call takes 2 s; the route is stopped meanwhile
        zendesk.admin().injectFault(Fault.delay(Duration.ofSeconds(2)).onPath("/api/v2/webhooks").onMethod("GET")
                .times(1));
        route("");
        Thread.sleep(300);
        context.getRouteController().stopRoute("changes");
        // past the moment the registration completes
        Thread.sleep(3000);
        assertThat(zendesk.admin().list("webhooks")).as("registered after the stop and left behind").isEmpty();
    }

    @Test
    void whatChangedBeforeTheWebhookExistedIsBackfilledByTheExport() throws Exception {
        ObjectNode t = zendesk.admin().createTicket(Map.of("subject", "Older", "comment", Map.of("body", "x")));
        long id = t.get("id").asLong();
        // the webhook is never registered (its API refuses): the export alone delivers
        zendesk.admin().injectFault(Fault.malformedJson().onPath("/api/v2/webhooks").onMethod("GET").times(1000));
        route("&startTime=0");
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream()
                .anyMatch(e -> Long.valueOf(id).equals(e.getMessage().getHeader(ZendeskConstants.ID))));
        Exchange e = received.stream().filter(x -> Long.valueOf(id).equals(x.getMessage().getHeader(ZendeskConstants.ID)))
                .findFirst().orElseThrow();
        assertThat(e.getMessage().getHeader(ZendeskConstants.DELIVERED_BY)).isEqualTo("export");
        assertThat(e.getMessage().getHeader(ZendeskConstants.EVENT_TYPE)).isNull();
        assertThat(e.getMessage().getBody(Ticket.class).getSubject()).isEqualTo("Older");
        assertThat(HealthCheckRegistry.get(context).getCheck("zendesk-realtime-changes").orElseThrow().call()
                .getState()).isEqualTo(HealthCheck.State.DOWN);
    }
}
