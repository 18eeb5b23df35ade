package io.camelzendesk.model;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.camelzendesk.client.ZendeskJson;

import static org.assertj.core.api.Assertions.assertThat;

/** Models read every JSON value as the plain Java types Jackson's untyped reading gives (with USE_LONG_FOR_INTS). */
class ZendeskObjectDeserializerTest {

    @Test
    void everyJsonValueBecomesPlainJava() throws Exception {
        Ticket t = ZendeskJson.MAPPER.readValue("""
                {"id": 35436, "big": 123456789012345678901234567890, "score": 4.5, "subject": "Help, my printer is on fire!",
                 "has_incidents": false, "is_public": true, "assignee_id": null, "tags": ["enterprise", "other_tag"],
                 "via": {"channel": "web", "source": {"from": {}, "to": {}, "rel": null}},
                 "custom_fields": [{"id": 27642, "value": "745"}, {"id": 27648, "value": ["a", 1]}],
                 "empty": [], "nested": [[1, 2], []]}
                """, Ticket.class);
        Map<String, Object> f = t.fields();
        assertThat(f.get("id")).isEqualTo(35436L);
        assertThat(f.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(f.get("score")).isEqualTo(4.5d);
        assertThat(f.get("has_incidents")).isEqualTo(false);
        assertThat(f).containsEntry("assignee_id", null);
        assertThat(f.get("tags")).isEqualTo(List.of("enterprise", "other_tag"));
        assertThat(f.get("via")).isEqualTo(Map.of("channel", "web", "source",
                new java.util.HashMap<>(Map.of("from", Map.of(), "to", Map.of())) {
                    {
                        put("rel", null);
                    }
                }));
        assertThat(f.get("custom_fields")).isEqualTo(List.of(Map.of("id", 27642L, "value", "745"),
                Map.of("id", 27648L, "value", List.of("a", 1L))));
        assertThat(f.get("empty")).isEqualTo(List.of());
        assertThat(f.get("nested")).isEqualTo(List.of(List.of(1L, 2L), List.of()));
        assertThat(f.keySet()).as("in the order Zendesk sent them").startsWith("id", "big", "score", "subject");
        assertThat(ZendeskJson.MAPPER.writeValueAsString(f.get("via")))
                .isEqualTo("{\"channel\":\"web\",\"source\":{\"from\":{},\"to\":{},\"rel\":null}}");
    }
}
