package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded tickets leave the audits Zendesk would: one per comment, so the ticket events export has every comment. */
class SeededCommentEventsTest {

    @Test
    void everySeededCommentIsACommentEventOfTheTicketEventsExport() {
        try (ZendeskEmulator zd = ZendeskEmulator.builder().seed(60).incrementalRequestsPerMinute(0)
                .requestsPerMinute(0).recentExclusion(Duration.ZERO).build()) {
            zd.start();
            long comments = zd.admin().list("tickets").stream()
                    .mapToLong(t -> zd.admin().comments(t.get("id").asLong()).size()).sum();
            assertThat(comments).isGreaterThan(60);
            Api api = new Api(zd.baseUrl());
            long commentEvents = 0;
            String next = "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events";
            for (int page = 0; page < 20 && next != null; page++) {
                JsonNode body = api.get(next).json();
                for (JsonNode event : body.get("ticket_events")) {
                    for (JsonNode child : event.path("child_events")) {
                        if ("Comment".equals(child.path("event_type").asText())) {
                            commentEvents++;
                        }
                    }
                }
                next = body.path("end_of_stream").asBoolean() ? null : body.path("next_page").asText();
            }
            assertThat(commentEvents).isEqualTo(comments);
        }
    }
}
