package io.camelzendesk.component;

import java.util.List;
import java.util.Map;

import io.camelzendesk.client.ZendeskJson;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** YAML routes (src/test/resources/routes/tickets.yaml) with the README's URIs; the component configured once. */
class ZendeskYamlRoutesTest extends ZendeskTestSupport {

    @Override
    List<String> yamlRoutes() {
        return List.of("classpath:routes/tickets.yaml");
    }

    @Test
    void createThenSimpleAndMarshalJson() throws Exception {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));

        var ex = template.request("direct:create-ticket", e -> {
            e.getMessage().setHeader("orderId", "order-42");
            e.getMessage().setBody("{\"subject\": \"Help, my printer is on fire!\", \"comment\": {\"body\": \"Smoke!\"}}");
        });

        assertThat(ex.getException()).isNull();
        wm.verify(postRequestedFor(urlEqualTo("/api/v2/tickets"))
                // no key given: one generated for this call, so the client's own retries cannot create a second ticket
                .withHeader("Idempotency-Key", matching("camel-zendesk-[0-9a-f-]{36}"))
                .withRequestBody(equalToJson("{\"ticket\": {\"subject\": \"Help, my printer is on fire!\","
                                             + " \"comment\": {\"body\": \"Smoke!\"}}}")));
        assertThat(ex.getMessage().getHeader("ticketSubject")).isEqualTo("Help, my printer is on fire!");
        assertThat(ex.getMessage().getHeader("ticketId", Long.class)).isEqualTo(35436L);
        // marshal: json gives the ticket as Zendesk sent it, unknown fields included, with no envelope
        @SuppressWarnings("unchecked")
        Map<String, Object> json = ZendeskJson.MAPPER.readValue(ex.getMessage().getBody(String.class), Map.class);
        assertThat(json).containsEntry("id", 35436L).containsEntry("raw_subject", "{{dc.printer_on_fire}}")
                .containsKey("satisfaction_rating").doesNotContainKey("ticket");
    }

    @Test
    void createOnceSendsTheIdempotencyKeyOfTheExpression() {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201).withHeader("x-idempotency-lookup", "hit")
                .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));

        var ex = template.request("direct:create-ticket-once", e -> {
            e.getMessage().setHeader("orderId", "order-42");
            e.getMessage().setBody("{\"subject\": \"Help, my printer is on fire!\"}");
        });

        assertThat(ex.getException()).isNull();
        wm.verify(postRequestedFor(urlEqualTo("/api/v2/tickets")).withHeader("Idempotency-Key", equalTo("order-42")));
        assertThat(ex.getMessage().getHeader(ZendeskConstants.IDEMPOTENCY_LOOKUP)).isEqualTo("hit");
    }

    @Test
    void searchSplitStreamingWithConvertBodyToMap() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/search")).willReturn(okJson(fixture("search_tickets.json"))));
        MockEndpoint open = context.getEndpoint("mock:open", MockEndpoint.class);
        open.expectedBodiesReceived("35436 open: Help, my printer is on fire! (via web)");

        template.sendBody("direct:open-tickets", null);

        open.assertIsSatisfied();
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v2/search"))
                .withQueryParam("query", equalTo("type:ticket status:open")));
    }

    @Test
    void updateFromJsonTextWithTheIdInAHeader() {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket_solved_by_macro.json"))));

        Object out = template.requestBodyAndHeader("direct:solve-ticket", null, "ticketId", "35436");

        assertThat(out).isEqualTo("solved");
        wm.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436"))
                .withRequestBody(equalToJson("{\"ticket\": {\"status\": \"solved\"}}")));
    }

    @Test
    void jsonConvertedToAModelByTheFallbackConverter() {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));

        template.requestBodyAndHeader("direct:comment", "{\"comment\": {\"html_body\": \"<b>Unplug it</b>\", \"public\": false}}",
                ZendeskConstants.ID, 35436L);

        wm.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436")).withRequestBody(equalToJson(
                "{\"ticket\": {\"comment\": {\"html_body\": \"<b>Unplug it</b>\", \"public\": false}}}")));
    }
}
