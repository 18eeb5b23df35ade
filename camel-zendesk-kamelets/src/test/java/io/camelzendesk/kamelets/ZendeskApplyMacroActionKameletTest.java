package io.camelzendesk.kamelets;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** zendesk-apply-macro-action: the macro applied to the ticket the message names; the message becomes the ticket. */
class ZendeskApplyMacroActionKameletTest extends KameletTestSupport {

    private long macroId;

    @Override
    void configure(CamelContext context) throws Exception {
        macroId = admin.create("macros", Map.of("title", "Solve with thanks", "actions", List.of(
                Map.of("field", "status", "value", "solved"),
                Map.of("field", "current_tags", "value", "closed_by_macro"),
                Map.of("field", "comment_value", "value", "Thanks for your patience.")))).get("id").asLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:solve").to("kamelet:zendesk-apply-macro-action?macroId=" + macroId + "&" + account());
                from("direct:preview")
                        .to("kamelet:zendesk-apply-macro-action?macroId=" + macroId + "&save=false&" + account());
            }
        });
        context.start();
    }

    @Test
    void theMacroIsAppliedToTheTicketOfTheHeaderAndSaved() {
        long id = createTicket("Printer on fire");

        Exchange ex = template.send("direct:solve", e -> e.getMessage().setHeader("zendesk-ticket-id", id));

        assertThat(ex.getException()).isNull();
        JsonNode ticket = json(ex);
        assertThat(ticket.get("status").asText()).isEqualTo("solved");
        assertThat(ex.getMessage().getHeader("CamelZendeskId", Long.class)).isEqualTo(id);
        assertThat(ex.getMessage().getHeaders()).doesNotContainKeys("CamelZendeskParentId", "CamelZendeskOperation");
        JsonNode saved = admin.get("tickets", id).orElseThrow();
        assertThat(saved.get("status").asText()).isEqualTo("solved");
        assertThat(saved.get("tags").toString()).contains("closed_by_macro");
        assertThat(admin.comments(id)).extracting(c -> c.get("body").asText()).contains("Thanks for your patience.");
    }

    @Test
    void withoutSaveTheTicketIsOnlyReturnedAsTheMacroWouldLeaveIt() {
        long id = createTicket("Printer on fire");

        Exchange ex = template.send("direct:preview", e -> e.getMessage().setHeader("ce-zendeskticketid", id));

        assertThat(ex.getException()).isNull();
        assertThat(json(ex).get("status").asText()).isEqualTo("solved");
        assertThat(admin.get("tickets", id).orElseThrow().get("status").asText()).isEqualTo("new");
        assertThat(admin.comments(id)).hasSize(1);
    }

    @Test
    void theTicketOfAnUpstreamZendeskSourceOrWebhookIsUsedAndItsHeadersDoNotChangeTheMacro() {
        long exported = createTicket("From the export");
        long delivered = createTicket("From a webhook");

        // zendesk-source on tickets: CamelZendeskId is the record's id
        template.send("direct:solve", e -> {
            e.getMessage().setHeader("CamelZendeskResource", "tickets");
            e.getMessage().setHeader("CamelZendeskId", exported);
            e.getMessage().setHeader("CamelZendeskOperation", "delete");
        });
        // zendesk-webhook-source, a ticket event: CamelZendeskSubjectId is the ticket's id
        template.send("direct:solve", e -> {
            e.getMessage().setHeader("CamelZendeskEventType", "zen:event-type:ticket.created");
            e.getMessage().setHeader("CamelZendeskSubjectId", String.valueOf(delivered));
        });

        assertThat(admin.get("tickets", exported).orElseThrow().get("status").asText()).isEqualTo("solved");
        assertThat(admin.get("tickets", delivered).orElseThrow().get("status").asText()).isEqualTo("solved");
        assertThat(admin.get("macros", macroId)).isPresent();
    }

    @Test
    void aMessageNamingNoTicketFailsAndChangesNothing() {
        long id = createTicket("Printer on fire");

        Exchange ex = template.send("direct:solve", e -> {
            // a user exported by zendesk-source is no ticket
            e.getMessage().setHeader("CamelZendeskResource", "users");
            e.getMessage().setHeader("CamelZendeskId", id);
        });

        assertThat(ex.getException()).hasMessageContaining("ticket");
        assertThat(admin.get("tickets", id).orElseThrow().get("status").asText()).isEqualTo("new");
    }
}
