package io.camelzendesk.quarkus.deployment;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;


import jakarta.inject.Inject;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.WebhookEvent;
import io.camelzendesk.emulator.WebhookSigning;

import static org.assertj.core.api.Assertions.assertThat;

/** A Quarkus application with the extension (JVM mode): the component resolves, produces, converts, and serves webhooks. */
class ZendeskExtensionSmokeTest {

    static final String SECRET = "smoke-test-signing-secret";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(WebhookRoute.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            // OAuth first: the component's OAuth client (the emulator's), client-credentials grant
            .overrideConfigKey("camel.component.zendesk.client-id", ZendeskEmulator.OAUTH_CLIENT_ID)
            .overrideConfigKey("camel.component.zendesk.client-secret", ZendeskEmulator.OAUTH_CLIENT_SECRET);

    @Inject
    CamelContext context;
    @Inject
    ProducerTemplate template;
    @TestHTTPResource("/zendesk/webhook")
    URL webhook;

    @Test
    void theComponentIsBoundToTheRegistryAtBuildTime() {
        assertThat(context.getRegistry().lookupByName("zendesk")).isInstanceOf(ZendeskComponent.class);
        assertThat(context.getComponent("zendesk")).isInstanceOf(ZendeskComponent.class);
    }

    @Test
    void aProducerOnTheOAuthClientOfTheConfigurationCreatesATicketAndTheModelConvertsToAMap() throws Exception {
        // an account after 2027-04-30: API tokens off
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().apiTokensEnabled(false).build()) {
            String uri = "zendesk:tickets?operation=create&baseUrl=" + zendesk.start();

            Ticket ticket = template.requestBody(uri,
                    Map.of("subject", "Printer on fire", "comment", Map.of("body", "Smoke everywhere")), Ticket.class);

            assertThat(ticket.getId()).isNotNull();
            assertThat(ticket.getSubject()).isEqualTo("Printer on fire");
            assertThat(context.getTypeConverter().mandatoryConvertTo(Map.class, ticket))
                    .containsEntry("subject", "Printer on fire");
            assertThat(zendesk.admin().oauthStats().clientCredentials()).isEqualTo(1);
            assertThat(zendesk.admin().requests()).filteredOn(r -> r.path().startsWith("/api/"))
                    .allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer "));
        }
    }

    @Test
    void aSignedWebhookDeliveryReachesTheRouteThroughPlatformHttp() throws Exception {
        String body = "{\"type\":\"zen:event-type:ticket.created\",\"id\":\"smoke-1\",\"account_id\":1,"
                      + "\"subject\":\"zen:ticket:42\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{\"id\":\"42\"},"
                      + "\"event\":{}}";
        String timestamp = Instant.now().toString();
        String signature = WebhookSigning.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(webhook.toString()))
                .header("Content-Type", "application/json")
                .header("X-Zendesk-Webhook-Signature", signature)
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Invocation-Id", "smoke-invocation-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        WebhookEvent event = WebhookRoute.EVENTS.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.getType()).isEqualTo("zen:event-type:ticket.created");
        assertThat(event.getSubjectId()).isEqualTo("42");
    }

    public static class WebhookRoute extends RouteBuilder {

        static final BlockingQueue<WebhookEvent> EVENTS = new LinkedBlockingQueue<>();

        @Override
        public void configure() {
            from("zendesk:webhook?signingSecret=" + SECRET)
                    .process(e -> EVENTS.add(e.getMessage().getBody(WebhookEvent.class)));
        }
    }
}
