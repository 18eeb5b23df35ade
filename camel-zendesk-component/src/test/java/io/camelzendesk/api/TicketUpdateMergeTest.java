package io.camelzendesk.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging updates of one ticket leaves it as the sequence would. */
class TicketUpdateMergeTest {

    @Test
    void theLastWriterWinsPerFieldAndPerCustomField() {
        Map<String, Object> merged = TicketUpdateMerge.merge(List.of(
                Map.of("status", "open", "priority", "low",
                        "custom_fields", List.of(Map.of("id", 1, "value", "a"), Map.of("id", 2, "value", "b"))),
                Map.of("status", "pending", "custom_fields", List.of(Map.of("id", 1, "value", "c")))));
        assertThat(merged).containsEntry("status", "pending").containsEntry("priority", "low");
        assertThat(merged.get("custom_fields")).isEqualTo(List.of(Map.of("id", 2, "value", "b"),
                Map.of("id", 1, "value", "c")));
    }

    @Test
    void tagsApplyInOrder() {
        assertThat(TicketUpdateMerge.merge(List.of(Map.of("additional_tags", List.of("a", "b")),
                Map.of("remove_tags", List.of("a", "z")), Map.of("additional_tags", List.of("c")))))
                .isEqualTo(Map.of("additional_tags", List.of("b", "c"), "remove_tags", List.of("a", "z")));
        // a full set replaces what came before and takes what comes after
        assertThat(TicketUpdateMerge.merge(List.of(Map.of("additional_tags", List.of("a")),
                Map.of("tags", List.of("x", "y")), Map.of("remove_tags", "y"), Map.of("additional_tags", List.of("z")))))
                .isEqualTo(Map.of("tags", List.of("x", "z")));
    }

    @Test
    void operationListsAreAllKeptAndOneCommentPasses() {
        Map<String, Object> merged = TicketUpdateMerge.merge(List.of(
                Map.of("email_ccs", List.of(Map.of("user_id", 1, "action", "put"))),
                Map.of("email_ccs", List.of(Map.of("user_id", 2, "action", "delete")),
                        "comment", Map.of("body", "hi"))));
        assertThat(merged.get("email_ccs")).isEqualTo(List.of(Map.of("user_id", 1, "action", "put"),
                Map.of("user_id", 2, "action", "delete")));
        assertThat(merged).containsEntry("comment", Map.of("body", "hi"));
    }
}
