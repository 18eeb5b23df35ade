package io.camelzendesk.component;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelzendesk.client.ZendeskAuthenticationException;
import io.camelzendesk.client.ZendeskNotFoundException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What the producer adds over the typed API: the id of a create, lists that fail at the to:, one cache per account. */
class ZendeskApiProducerTest extends ZendeskTestSupport {

    private final AtomicInteger afterTheList = new AtomicInteger();
    private final AtomicInteger split = new AtomicInteger();

    @Override
    RoutesBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:macros").to("zendesk:macros?operation=list")
                        .process(e -> afterTheList.incrementAndGet())
                        .split(body()).streaming().process(e -> split.incrementAndGet());
            }
        };
    }

    @Test
    void aCreateLeavesTheNewIdInTheIdHeader() {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));
        wm.stubFor(post("/api/v2/groups").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("group.json"))));

        Exchange ticket = template.send("zendesk:tickets?operation=create",
                e -> e.getMessage().setBody(Map.of("subject", "Printer on fire")));
        Exchange group = template.send("zendesk:groups?operation=create",
                e -> e.getMessage().setBody(Map.of("name", "Printers")));

        assertThat(ticket.getException()).isNull();
        assertThat(ticket.getMessage().getHeader(ZendeskConstants.ID)).isEqualTo(35436L);
        assertThat(group.getException()).isNull();
        assertThat(group.getMessage().getHeader(ZendeskConstants.ID)).isEqualTo(98738L);
    }

    @Test
    void aListRefusedWith404FailsTheExchangeAtTheProducerBeforeAnySplitter() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/macros")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"InvalidEndpoint\"}")));

        Exchange ex = template.send("direct:macros", e -> e.getMessage().setBody(""));

        assertThat(ex.getException()).isInstanceOf(ZendeskNotFoundException.class);
        assertThat(afterTheList).hasValue(0);
        assertThat(split).hasValue(0);
    }

    @Test
    void aListRefusedWith401FailsTheExchangeAtTheProducerBeforeAnySplitter() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/macros")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Couldn't authenticate you\"}")));

        Exchange ex = template.send("direct:macros", e -> e.getMessage().setBody(""));

        assertThat(ex.getException()).isInstanceOf(ZendeskAuthenticationException.class);
        assertThat(afterTheList).hasValue(0);
        assertThat(split).hasValue(0);
    }

    @Test
    void endpointsWithDifferentTicketFieldTtlsShareTheAccountsCacheEachWithItsOwnTtl() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).willReturn(okJson(fixture("ticket_fields.json"))));
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));
        String patient = "zendesk:tickets?operation=create&ticketFieldsCacheTtl=3600000";
        String eager = "zendesk:tickets?operation=create&ticketFieldsCacheTtl=0";
        Map<String, Object> byName = Map.of("custom_fields", Map.of("Order number", "745"));

        assertThat(template.send(patient, e -> e.getMessage().setBody(byName)).getException()).isNull();
        assertThat(requests("GET", "/api/v2/ticket_fields")).hasSize(1);
        // the endpoint created second does not inherit the first one's TTL
        assertThat(template.send(eager, e -> e.getMessage().setBody(byName)).getException()).isNull();
        assertThat(requests("GET", "/api/v2/ticket_fields")).hasSize(2);
        // one cache: the patient endpoint uses what the eager one loaded
        assertThat(template.send(patient, e -> e.getMessage().setBody(byName)).getException()).isNull();
        assertThat(requests("GET", "/api/v2/ticket_fields")).hasSize(2);
    }
}
