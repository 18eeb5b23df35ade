package io.camelzendesk.component;

import java.util.Map;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Ticket;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** apply shows the ticket as the macro would leave it and changes nothing; applyAndSave saves that with a PUT. */
class ZendeskMacrosTest extends ZendeskTestSupport {

    private Exchange call(String operation) {
        wm.stubFor(get("/api/v2/tickets/35436/macros/360111/apply").willReturn(okJson(fixture("macro_apply.json"))));
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket_solved_by_macro.json"))));
        return template.send("zendesk:macros?operation=" + operation, e -> {
            e.getMessage().setHeader(ZendeskConstants.ID, 360111L);
            e.getMessage().setHeader(ZendeskConstants.PARENT_ID, 35436L);
        });
    }

    @Test
    void applyReturnsThePreviewAndSendsNoPut() {
        Exchange ex = call("apply");

        assertThat(ex.getException()).isNull();
        Ticket preview = ex.getMessage().getBody(Ticket.class);
        assertThat(preview.getId()).isEqualTo(35436L);
        assertThat(preview.getStatus()).isEqualTo("solved");
        assertThat(preview.getAssigneeId()).isEqualTo(76872L);
        assertThat(preview.getTags()).containsExactly("enterprise", "other_tag", "closed_by_macro");
        assertThat(((Comment) preview.get("comment")).getBody()).isEqualTo("Thanks for your patience.");
        assertThat(requests()).hasSize(1);
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void applyAndSavePutsTheAppliedChanges() throws Exception {
        Exchange ex = call("applyAndSave");

        assertThat(ex.getException()).isNull();
        assertThat(requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("GET /api/v2/tickets/35436/macros/360111/apply", "PUT /api/v2/tickets/35436");
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = (Map<String, Object>) ZendeskJson.MAPPER
                .readValue(requests("PUT", "/api/v2/tickets/35436").get(0).getBodyAsString(), Map.class).get("ticket");
        // what the macro changed
        assertThat(sent).containsEntry("status", "solved").containsEntry("assignee_id", 76872L)
                .containsEntry("tags", java.util.List.of("enterprise", "other_tag", "closed_by_macro"))
                .containsEntry("comment", Map.of("html_body", "<p>Thanks for your patience.</p>", "public", true));
        // never the read-only fields of the preview
        assertThat(sent).doesNotContainKeys("id", "url", "created_at", "updated_at", "generated_timestamp", "via",
                "satisfaction_rating", "description", "fields", "has_incidents", "is_public", "allow_channelback",
                "allow_attachments", "from_messaging_channel", "sharing_agreement_ids", "followup_ids");

        Ticket saved = ex.getMessage().getBody(Ticket.class);
        assertThat(saved.getStatus()).isEqualTo("solved");
        assertThat(saved.getUpdatedAt()).hasToString("2024-08-06T09:00:00Z");
        assertThat(ex.getMessage().getHeader(ZendeskConstants.RESPONSE_CODE)).isEqualTo(200);
    }
}
