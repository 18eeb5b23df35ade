package io.camelzendesk.kamelets;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.camelzendesk.client.ZendeskNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/** zendesk-sink: the message body becomes an operation on a resource, the id and operation may come as headers. */
class ZendeskSinkKameletTest extends KameletTestSupport {

    @Override
    void configure(CamelContext context) throws Exception {
        loadYaml("routes/sink-routes.yaml");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tickets").to("kamelet:zendesk-sink?resource=tickets&" + account());
                from("direct:tickets-coalesced").to("kamelet:zendesk-sink?resource=tickets&operation=update"
                                                    + "&coalesceUpdates=true&" + account());
                from("direct:users").to("kamelet:zendesk-sink?resource=users&operation=createOrUpdate&" + account());
            }
        });
        context.start();
    }

    @Test
    void aJsonBodyBecomesATicketThroughAYamlRoute() {
        Exchange ex = template.send("direct:new-ticket", e -> e.getMessage()
                .setBody("{\"subject\": \"Printer on fire\", \"comment\": {\"body\": \"Smoke everywhere\"}}".getBytes()));

        assertThat(ex.getException()).isNull();
        assertThat(admin.list("tickets")).singleElement().satisfies(t -> {
            assertThat(t.get("subject").asText()).isEqualTo("Printer on fire");
            assertThat(t.get("description").asText()).isEqualTo("Smoke everywhere");
        });
    }

    @Test
    void updatesOfOneTicketGivenTogetherAreCoalesced() throws Exception {
        long id = createTicket("Printer on fire");
        admin.injectFault(io.camelzendesk.emulator.Fault.delay(java.time.Duration.ofMillis(500)).onMethod("PUT")
                .times(1));
        java.util.List<java.util.concurrent.Future<Exchange>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tag = "t" + i;
            sent.add(template.asyncSend("direct:tickets-coalesced", e -> {
                e.getMessage().setHeader("zendesk-id", id);
                e.getMessage().setBody("{\"ticket\": {\"additional_tags\": [\"" + tag + "\"]}}");
            }));
        }
        for (java.util.concurrent.Future<Exchange> f : sent) {
            assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(admin.get("tickets", id).orElseThrow().get("tags").toString())
                .contains("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
        assertThat(admin.requests().stream().filter(r -> r.method().equals("PUT")).count()).isLessThan(10);
    }

    @Test
    void zendeskHeadersNameTheTicketAndTheOperation() {
        long id = createTicket("Printer on fire");

        template.send("direct:tickets", e -> {
            e.getMessage().setHeader("zendesk-id", String.valueOf(id));
            e.getMessage().setHeader("zendesk-operation", "update");
            e.getMessage().setBody("{\"ticket\": {\"status\": \"pending\", \"priority\": \"urgent\"}}");
        });

        ObjectNode ticket = admin.get("tickets", id).orElseThrow();
        assertThat(ticket.get("status").asText()).isEqualTo("pending");
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        assertThat(admin.list("tickets")).hasSize(1);
    }

    @Test
    void cloudEventsHeadersNameTheTicketAndTheOperation() {
        long id = createTicket("Printer on fire");

        template.send("direct:tickets", e -> {
            e.getMessage().setHeader("ce-zendeskid", id);
            e.getMessage().setHeader("ce-zendeskoperation", "addComment");
            e.getMessage().setBody("Unplug it first.");
        });

        assertThat(admin.comments(id)).extracting(c -> c.get("body").asText())
                .containsExactly("About Printer on fire", "Unplug it first.");
    }

    @Test
    void headersAsBytesAsAKafkaSourceDeliversThemAreRead() {
        long id = createTicket("Printer on fire");

        template.send("direct:tickets", e -> {
            e.getMessage().setHeader("ce-zendeskid", String.valueOf(id).getBytes(StandardCharsets.UTF_8));
            e.getMessage().setHeader("ce-zendeskoperation", "update".getBytes(StandardCharsets.UTF_8));
            e.getMessage().setBody("{\"status\": \"solved\"}".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(admin.get("tickets", id).orElseThrow().get("status").asText()).isEqualTo("solved");
    }

    @Test
    void theIdempotencyKeyHeaderMakesARedeliveryReturnTheFirstTicket() {
        String body = "{\"subject\": \"Order 42 is late\", \"comment\": {\"body\": \"Where is it?\"}}";
        for (int i = 0; i < 2; i++) {
            template.send("direct:tickets", e -> {
                e.getMessage().setHeader("zendesk-idempotency-key", "order-42");
                e.getMessage().setBody(body);
            });
        }

        assertThat(subjects()).containsExactly("Order 42 is late");
    }

    @Test
    void aMessageWithoutHeadersUsesTheKameletsOperation() {
        template.sendBody("direct:users", "{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}");
        template.sendBody("direct:users", "{\"name\": \"Ada King\", \"email\": \"ada@example.org\"}");

        assertThat(admin.list("users")).filteredOn(u -> "ada@example.org".equals(u.path("email").asText()))
                .singleElement().satisfies(u -> assertThat(u.get("name").asText()).isEqualTo("Ada King"));
    }

    @Test
    void anUnknownIdFailsTheExchangeWithTheComponentsException() {
        Exchange ex = template.send("direct:tickets", e -> {
            e.getMessage().setHeader("zendesk-id", "999999");
            e.getMessage().setHeader("zendesk-operation", "update");
            e.getMessage().setBody(Map.of("status", "solved"));
        });

        assertThat(ex.getException()).isInstanceOf(ZendeskNotFoundException.class);
    }
}
