package io.camelzendesk.component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelzendesk.test.LogCapture;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelzendesk.test.WebhookTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import io.camelzendesk.component.webhook.WebhookRegistrar;

/**
 * autoRegister against a WireMock Zendesk whose webhooks and triggers exist or not (scenario states): one webhook
 * and one trigger whatever the restarts, the signing secret read from the API, deleted on stop unless kept.
 */
class ZendeskWebhookRegistrationTest {

    private static final String NAME = "camel-zendesk solved tickets";
    private static final String EXTERNAL = "https://hooks.example.com/zendesk/webhook";
    private static final String API_SECRET = "c2VjcmV0LWZyb20tdGhlLWFwaQ";
    private static final String WEBHOOK_ID = "01HWEBHOOKAUTO";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private CamelContext context;
    private VertxPlatformHttpServer server;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private String webhookJson(String subscriptions) {
        return "{\"id\":\"" + WEBHOOK_ID + "\",\"name\":\"" + NAME + "\",\"endpoint\":\"" + EXTERNAL
               + "\",\"http_method\":\"POST\",\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":"
               + subscriptions + "}";
    }

    /** A Zendesk where the webhook (and trigger) exist once created, and not once deleted. */
    private void stubZendesk(String subscriptions) {
        wm.stubFor(get(urlPathEqualTo("/api/v2/webhooks")).inScenario("webhook")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"webhooks\":[],\"meta\":{\"has_more\":false}}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/webhooks")).inScenario("webhook").whenScenarioStateIs("exists")
                .willReturn(okJson("{\"webhooks\":[" + webhookJson(subscriptions) + "],\"meta\":{\"has_more\":false}}")));
        wm.stubFor(post(urlPathEqualTo("/api/v2/webhooks")).inScenario("webhook")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("exists")
                .willReturn(jsonResponse("{\"webhook\":" + webhookJson(subscriptions) + "}", 201)));
        wm.stubFor(delete(urlPathEqualTo("/api/v2/webhooks/" + WEBHOOK_ID)).inScenario("webhook")
                .whenScenarioStateIs("exists").willSetStateTo(Scenario.STARTED)
                .willReturn(aResponse().withStatus(204)));
        wm.stubFor(get(urlPathEqualTo("/api/v2/webhooks/" + WEBHOOK_ID + "/signing_secret"))
                .willReturn(okJson("{\"signing_secret\":{\"secret\":\"" + API_SECRET + "\",\"algorithm\":\"SHA256\"}}")));

        String trigger = "{\"id\":9001,\"title\":\"" + NAME + "\",\"active\":true,\"conditions\":{\"all\":["
                         + "{\"field\":\"status\",\"operator\":\"value\",\"value\":\"solved\"}],\"any\":[]},"
                         + "\"actions\":[{\"field\":\"notification_webhook\",\"value\":[\"" + WEBHOOK_ID + "\","
                         + jsonString(WebhookRegistrar.DEFAULT_TRIGGER_PAYLOAD) + "]}]}";
        String other = "{\"id\":1,\"title\":\"Notify requester\",\"active\":true,\"conditions\":{\"all\":[],"
                       + "\"any\":[]},\"actions\":[]}";
        wm.stubFor(get(urlPathEqualTo("/api/v2/triggers")).inScenario("trigger").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"triggers\":[" + other + "],\"meta\":{\"has_more\":false}}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/triggers")).inScenario("trigger").whenScenarioStateIs("exists")
                .willReturn(okJson("{\"triggers\":[" + other + "," + trigger + "],\"meta\":{\"has_more\":false}}")));
        wm.stubFor(post(urlPathEqualTo("/api/v2/triggers")).inScenario("trigger")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("exists")
                .willReturn(jsonResponse("{\"trigger\":" + trigger + "}", 201)));
        wm.stubFor(delete(urlPathEqualTo("/api/v2/triggers/9001")).inScenario("trigger")
                .whenScenarioStateIs("exists").willSetStateTo(Scenario.STARTED)
                .willReturn(aResponse().withStatus(204)));
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void start(String options) throws Exception {
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:webhook?autoRegister=true&externalUrl=" + EXTERNAL + "&webhookName=" + NAME
                     + "&baseUrl=" + wm.baseUrl() + "&email=admin@example.com&apiToken=tok" + options)
                        .routeId("hook").process(e -> received.add(e.copy()));
            }
        });
        context.start();
    }

    @Test
    void aTriggerConnectedWebhookIsCreatedOnceAcrossRestartsAndRemovedOnStop() throws Exception {
        stubZendesk("[\"conditional_ticket_events\"]");
        start("&triggerConditions=status_changed:solved");

        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/webhooks"))
                .withRequestBody(matchingJsonPath("$.webhook.subscriptions[0]", equalTo("conditional_ticket_events")))
                .withRequestBody(matchingJsonPath("$.webhook.endpoint", equalTo(EXTERNAL)))
                .withRequestBody(matchingJsonPath("$.webhook.name", equalTo(NAME)))
                .withHeader("Authorization", containing("Basic ")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/triggers"))
                .withRequestBody(matchingJsonPath("$.trigger.title", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.trigger.conditions.all[0].field", equalTo("status")))
                .withRequestBody(matchingJsonPath("$.trigger.conditions.all[0].operator", equalTo("value")))
                .withRequestBody(matchingJsonPath("$.trigger.conditions.all[0].value", equalTo("solved")))
                .withRequestBody(matchingJsonPath("$.trigger.actions[0].field", equalTo("notification_webhook")))
                .withRequestBody(matchingJsonPath("$.trigger.actions[0].value[0]", equalTo(WEBHOOK_ID))));

        // stopping the route deletes what its start created
        context.getRouteController().stopRoute("hook");
        wm.verify(1, deleteRequestedFor(urlPathEqualTo("/api/v2/triggers/9001")));
        wm.verify(1, deleteRequestedFor(urlPathEqualTo("/api/v2/webhooks/" + WEBHOOK_ID)));
        context.getRouteController().startRoute("hook");
        context.stop();
        context = null;

        // each start created what was missing (it had been deleted at the stop before), never a second copy
        wm.verify(2, postRequestedFor(urlPathEqualTo("/api/v2/webhooks")));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/api/v2/triggers")));
        wm.verify(2, deleteRequestedFor(urlPathEqualTo("/api/v2/triggers/9001")));
        wm.verify(2, deleteRequestedFor(urlPathEqualTo("/api/v2/webhooks/" + WEBHOOK_ID)));
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void withKeepRegistrationRestartsReuseTheSameWebhookAndTriggerAndNothingIsDeleted() throws Exception {
        stubZendesk("[\"conditional_ticket_events\"]");
        for (int run = 0; run < 2; run++) {
            start("&triggerConditions=status_changed:solved&keepRegistration=true");
            context.stop();
            context = null;
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/webhooks")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/triggers")));
        wm.verify(0, deleteRequestedFor(anyUrl()));
        // the second run found the same trigger, unchanged: no update either
        wm.verify(0, putRequestedFor(anyUrl()));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/webhooks"))
                .withQueryParam("filter[name_contains]", equalTo(NAME)));
    }

    @Test
    void aWebhookThatAlreadyExistedIsReusedAndLeftInPlaceOnStop() throws Exception {
        stubZendesk("[\"zen:event-type:ticket.created\"]");
        wm.setScenarioState("webhook", "exists");
        start("&eventTypes=ticket.created");
        context.stop();
        context = null;
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/v2/webhooks")));
        wm.verify(0, deleteRequestedFor(anyUrl()));
        wm.verify(0, anyRequestedFor(urlPathMatching("/api/v2/triggers.*")));
    }

    @Test
    void anEventSubscribedWebhookIsRegisteredForTheEventTypesAndVerifiesWithTheApisSecret() throws Exception {
        stubZendesk("[\"zen:event-type:ticket.created\",\"zen:event-type:ticket.status_changed\"]");
        start("&eventTypes=ticket.created,ticket.status_changed");
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/webhooks"))
                .withRequestBody(matchingJsonPath("$.webhook.subscriptions[0]", equalTo("zen:event-type:ticket.created")))
                .withRequestBody(matchingJsonPath("$.webhook.subscriptions[1]",
                        equalTo("zen:event-type:ticket.status_changed")))
                .withRequestBody(matchingJsonPath("$.webhook.http_method", equalTo("POST")))
                .withRequestBody(matchingJsonPath("$.webhook.request_format", equalTo("json"))));
        wm.verify(0, anyRequestedFor(urlPathMatching("/api/v2/triggers.*")));

        byte[] body = statusChanged("ev-1", 5, "open", "solved");
        assertThat(post(server.getPort(), "/zendesk/webhook", body, signedHeaders(API_SECRET, body)).statusCode())
                .isEqualTo(200);
        assertThat(post(server.getPort(), "/zendesk/webhook", body, signedHeaders("some-other-secret", body))
                .statusCode()).isEqualTo(401);
        assertThat(received).hasSize(1);
    }

    @Test
    void theSecretReadFromTheApiIsNeverLogged() throws Exception {
        stubZendesk("[\"conditional_ticket_events\"]");
        try (LogCapture logs = LogCapture.capture()) {
            start("&triggerConditions=status_changed:solved");
            byte[] body = "{\"ticket\":{\"id\":\"1\"}}".getBytes(StandardCharsets.UTF_8);
            assertThat(post(server.getPort(), "/zendesk/webhook", body, signedHeaders(API_SECRET, body)).statusCode())
                    .isEqualTo(200);
            context.stop();
            context = null;
            assertThat(logs.text()).contains("Zendesk webhook '" + NAME + "' created").doesNotContain(API_SECRET);
        }
    }

    @Test
    void autoRegisterRefusesToStartWithoutExternalUrlOrWithoutWhatToSubscribeTo() {
        CamelContext c = new DefaultCamelContext();
        c.start();
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.getEndpoint(
                    "zendesk:webhook?autoRegister=true&eventTypes=ticket.created&subdomain=acme&oauthToken=t")))
                    .rootCause().hasMessageContaining("Option externalUrl is required with autoRegister=true");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.getEndpoint(
                    "zendesk:webhook?autoRegister=true&externalUrl=https://x.example.com/h&subdomain=acme&oauthToken=t")))
                    .rootCause().hasMessageContaining("eventTypes").hasMessageContaining("triggerConditions");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.getEndpoint(
                    "zendesk:webhook?autoRegister=true&externalUrl=https://x.example.com/h&triggerConditions=sunny")))
                    .rootCause().hasMessageContaining("subdomain");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.getEndpoint(
                    "zendesk:webhook?autoRegister=true&externalUrl=https://x.example.com/h&subdomain=acme&oauthToken=t"
                    + "&triggerConditions=sunny")))
                    .rootCause().hasMessageContaining("triggerConditions: 'sunny' is not a condition");
        } finally {
            c.stop();
        }
    }

    @Test
    void simpleConditionsBecomeZendeskTriggerConditions() {
        assertThat(WebhookRegistrar.parseTriggerConditions("created, tag:vip, priority:urgent, status_changed"))
                .isEqualTo(java.util.Map.of("all", List.of(
                        java.util.Map.of("field", "update_type", "operator", "is", "value", "Create"),
                        java.util.Map.of("field", "current_tags", "operator", "includes", "value", "vip"),
                        java.util.Map.of("field", "priority", "operator", "is", "value", "urgent"),
                        java.util.Map.of("field", "status", "operator", "changed")), "any", List.of()));
    }
}
