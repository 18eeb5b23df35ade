package io.camelzendesk.kamelets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** zendesk-source: records created or changed in Zendesk arrive as JSON, and the position is stored. */
class ZendeskSourceKameletTest extends KameletTestSupport {

    @TempDir
    Path stateDir;

    @Override
    void configure(CamelContext context) {
        // what the kamelet is not given comes from the component: the account, where the position is stored, and
        // no pacing of export requests on the emulator
        ZendeskConfiguration zendesk = context.getComponent("zendesk", ZendeskComponent.class).getConfiguration();
        zendesk.setBaseUrl(emulator.baseUrl());
        zendesk.setEmail(ZendeskEmulator.ADMIN_EMAIL);
        zendesk.setApiToken(ZendeskEmulator.API_TOKEN);
        zendesk.setStateDirectory(stateDir.toString());
        zendesk.setIncrementalRequestsPerMinute(0);
    }

    @Test
    void aTicketCreatedThenChangedInZendeskArrivesTwiceAsJsonThroughAPipe() throws Exception {
        long id = createTicket("Printer on fire");
        loadYaml("pipes/zendesk-tickets-pipe.yaml");
        context.start();
        MockEndpoint tickets = context.getEndpoint("mock:tickets", MockEndpoint.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.getReceivedCounter() == 1);
        Exchange created = tickets.getReceivedExchanges().get(0);
        JsonNode ticket = json(created);
        assertThat(ticket.get("id").asLong()).isEqualTo(id);
        assertThat(ticket.get("subject").asText()).isEqualTo("Printer on fire");
        assertThat(ticket.get("status").asText()).isEqualTo("new");
        assertThat(created.getMessage().getHeaders()).containsEntry("CamelZendeskResource", "tickets")
                .containsEntry("CamelZendeskId", id);

        // a change in a later second (export timestamps have second precision)
        Instant createdAt = Instant.parse(admin.get("tickets", id).orElseThrow().get("updated_at").asText());
        await().until(() -> Instant.now().getEpochSecond() > createdAt.getEpochSecond());
        admin.updateTicket(id, Map.of("status", "solved"));

        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.getReceivedCounter() == 2);
        JsonNode changed = json(tickets.getReceivedExchanges().get(1));
        assertThat(changed.get("id").asLong()).isEqualTo(id);
        assertThat(changed.get("status").asText()).isEqualTo("solved");

        // the position is stored in the component's stateDirectory
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(stateDir.resolve("zendesk-positions.dat")));
        assertThat(Files.readString(stateDir.resolve("zendesk-positions.dat"))).startsWith("emulator-tickets=");
    }

    @Test
    void theResourcePropertyChoosesTheExport() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:zendesk-source?resource=organizations&stateKey=organizations&startTime=0&delay=200&stateInMemory=true").to("mock:organizations");
            }
        });
        long id = admin.createOrganization(Map.of("name", "Acme Corp")).get("id").asLong();
        context.start();
        MockEndpoint organizations = context.getEndpoint("mock:organizations", MockEndpoint.class);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> organizations.getReceivedExchanges().stream()
                        .anyMatch(e -> json(e).path("id").asLong() == id));
        Exchange acme = organizations.getReceivedExchanges().stream()
                .filter(e -> json(e).path("id").asLong() == id).findFirst().orElseThrow();
        assertThat(json(acme).get("name").asText()).isEqualTo("Acme Corp");
        assertThat(acme.getMessage().getHeader("CamelZendeskResource")).isEqualTo("organizations");
        assertThat(Files.exists(stateDir.resolve("zendesk-positions.dat"))).as("stateInMemory").isFalse();
    }

    @Test
    void aSourceWithoutStateKeyDoesNotStart() throws Exception {
        // the kamelet's route id is generated (zendesk-source-1, renumbered when a source is added): no position
        // may be keyed by it
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:zendesk-source?resource=users&startTime=0").to("mock:users");
            }
        });
        assertThatThrownBy(context::start).hasStackTraceContaining("stateKey");
        assertThat(Files.exists(stateDir.resolve("zendesk-positions.dat"))).isFalse();
    }

    @Test
    void withRealtimeAChangeArrivesAtOnceByWebhook() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration conf
                = new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        context.addService(new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer(conf));
        String url = "http://127.0.0.1:" + port + "/hooks/tickets";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:zendesk-source?resource=tickets&stateKey=realtime-tickets&realtime=true&externalUrl=" + url
                     + "&webhookPath=/hooks/tickets&delay=60000").to("mock:changes");
            }
        });
        context.start();
        MockEndpoint changes = context.getEndpoint("mock:changes", MockEndpoint.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.list("webhooks").stream()
                .anyMatch(w -> url.equals(w.path("endpoint").asText())));
        long id = createTicket("Realtime printer");
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.getReceivedCounter() >= 1);
        Exchange change = changes.getReceivedExchanges().get(0);
        assertThat(json(change).get("id").asLong()).isEqualTo(id);
        assertThat(change.getMessage().getHeaders()).containsEntry("CamelZendeskDeliveredBy", "webhook");
    }
}
