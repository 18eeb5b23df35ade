package io.camelzendesk.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelzendesk.model.Ticket;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Custom fields given by title, key and option name, resolved through a cached GET /api/v2/ticket_fields. */
class ZendeskCustomFieldsTest extends ZendeskTestSupport {

    private void stubFields(String fixture) {
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).willReturn(okJson(fixture(fixture))));
    }

    private void stubCreate() {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));
    }

    private Exchange create(Object body) {
        return template.send("zendesk:tickets?operation=create", e -> e.getMessage().setBody(body));
    }

    @Test
    void byTitleKeyAndOptionNameBecomeIdsAndOptionValues() {
        stubFields("ticket_fields.json");
        stubCreate();

        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put("Order number", "745"); // by title
        byName.put("customer_tier", "Premium"); // by key; dropdown option by name
        byName.put("Affected products", List.of("Printer X100", "scanner_s20")); // multiselect: by name and by value
        Exchange ex = create(Map.of("subject", "Printer on fire", "custom_fields", byName));

        assertThat(ex.getException()).isNull();
        assertJson(requests("POST", "/api/v2/tickets").get(0), """
                {"ticket": {"subject": "Printer on fire", "custom_fields": [
                  {"id": 27642, "value": "745"},
                  {"id": 27648, "value": "tier_premium"},
                  {"id": 27650, "value": ["printer_x100", "scanner_s20"]}]}}""");

        // a second create reads the fields from the cache
        assertThat(create(Map.of("custom_fields", Map.of("Order Number", "746"))).getException()).isNull();
        assertJson(requests("POST", "/api/v2/tickets").get(1),
                "{\"ticket\": {\"custom_fields\": [{\"id\": 27642, \"value\": \"746\"}]}}");
        assertThat(requests("GET", "/api/v2/ticket_fields")).hasSize(1);
    }

    @Test
    void numericIdsNeedNoLookup() {
        stubCreate();
        Ticket t = new Ticket().setSubject("By id").setCustomField(27642, "745");
        assertThat(create(t).getException()).isNull();
        assertJson(requests("POST", "/api/v2/tickets").get(0),
                "{\"ticket\": {\"subject\": \"By id\", \"custom_fields\": [{\"id\": 27642, \"value\": \"745\"}]}}");
        assertThat(requests("GET", "/api/v2/ticket_fields")).isEmpty();
    }

    @Test
    void unknownNameFailsNamingCloseMatchesAndSendsNoTicketRequest() {
        stubFields("ticket_fields.json");
        stubCreate();

        Exchange ex = create(Map.of("custom_fields", Map.of("Order numbr", "745")));

        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown ticket field 'Order numbr'")
                .hasMessageContaining("did you mean Order number")
                .hasMessageContaining("No request was sent");
        assertThat(requests("POST", "/api/v2/tickets")).isEmpty();
        // refreshed exactly once on the unknown name
        assertThat(requests("GET", "/api/v2/ticket_fields")).hasSize(2);
    }

    @Test
    void bulkWithAnUnknownNameRefreshesTheFieldsOnceAndSendsNoJob() {
        stubFields("ticket_fields.json");
        List<Object> tickets = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(Map.of("subject", "T" + i, "custom_fields", Map.of("Order numbr", String.valueOf(i))));
        }

        Exchange ex = template.send("zendesk:tickets?operation=createMany", e -> e.getMessage().setBody(tickets));

        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown ticket field 'Order numbr'");
        assertThat(requests("POST", "/api/v2/tickets/create_many")).isEmpty();
        assertThat(requests("GET", "/api/v2/ticket_fields")).hasSize(2);
    }

    @Test
    void unknownOptionNameFailsNamingCloseOptions() {
        stubFields("ticket_fields.json");
        stubCreate();

        Exchange ex = create(Map.of("custom_fields", Map.of("Customer tier", "Premum")));

        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no option 'Premum' in ticket field 'Customer tier'")
                .hasMessageContaining("Premium");
        assertThat(requests("POST", "/api/v2/tickets")).isEmpty();
    }

    @Test
    void fieldCreatedSinceTheCacheWasFilledIsFoundByTheOneRefresh() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).inScenario("fields").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(fixture("ticket_fields_without_order_number.json"))).willSetStateTo("created"));
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).inScenario("fields").whenScenarioStateIs("created")
                .willReturn(okJson(fixture("ticket_fields.json"))));
        stubCreate();

        assertThat(create(Map.of("custom_fields", Map.of("Customer tier", "Standard"))).getException()).isNull();
        Exchange ex = create(Map.of("custom_fields", Map.of("Order number", "745")));

        assertThat(ex.getException()).isNull();
        assertJson(requests("POST", "/api/v2/tickets").get(1),
                "{\"ticket\": {\"custom_fields\": [{\"id\": 27642, \"value\": \"745\"}]}}");
        assertThat(requests("GET", "/api/v2/ticket_fields")).hasSize(2);
    }

    @Test
    void updateResolvesByNameToo() {
        stubFields("ticket_fields.json");
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        Exchange ex = template.send("zendesk:tickets?operation=update&id=35436",
                e -> e.getMessage().setBody("{\"ticket\": {\"custom_fields\": {\"Customer tier\": \"Standard\"}}}"));
        assertThat(ex.getException()).isNull();
        assertJson(requests("PUT", "/api/v2/tickets/35436").get(0),
                "{\"ticket\": {\"custom_fields\": [{\"id\": 27648, \"value\": \"tier_standard\"}]}}");
    }

    @Test
    void readViewByNameWithCustomFieldsByName() {
        stubFields("ticket_fields.json");
        wm.stubFor(get("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));

        Exchange ex = template.send("zendesk:tickets?operation=get&customFieldsByName=true",
                e -> e.getMessage().setHeader(ZendeskConstants.ID, 35436L));

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME, Map.class))
                .containsExactly(Map.entry("Order number", "745"), Map.entry("Customer tier", "Premium"));
        // the ticket itself keeps Zendesk's form
        assertThat(ex.getMessage().getBody(Ticket.class).getCustomField(27648)).isEqualTo("tier_premium");
    }

    @Test
    void withoutTheOptionNoByNameViewAndNoFieldLookup() {
        wm.stubFor(get("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        Exchange ex = template.send("zendesk:tickets?operation=get&id=35436", e -> { });
        assertThat(ex.getMessage().getHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME)).isNull();
        assertThat(requests("GET", "/api/v2/ticket_fields")).isEmpty();
    }
}
