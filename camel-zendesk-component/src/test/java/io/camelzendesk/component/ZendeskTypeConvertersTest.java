package io.camelzendesk.component;

import java.util.List;
import java.util.Map;

import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The converters are found through the generated loader of a plain Camel context. */
class ZendeskTypeConvertersTest extends ZendeskTestSupport {

    @Test
    void modelToMapIsPlainAllTheWayDown() {
        Ticket t = new Ticket().setSubject("Printer").setComment(new Comment("Smoke", true));
        t.set("custom_thing", Map.of("a", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = context.getTypeConverter().convertTo(Map.class, t);
        assertThat(map).containsEntry("subject", "Printer").containsEntry("custom_thing", Map.of("a", 1L))
                .containsEntry("comment", Map.of("body", "Smoke", "public", true));
    }

    @Test
    void modelToJsonTextAndBytesHasOnlyTheSetFields() {
        User u = new User();
        u.set("name", "Roger Wilco");
        u.set("phone", null);
        assertThat(context.getTypeConverter().convertTo(String.class, u)).isEqualTo("{\"name\":\"Roger Wilco\",\"phone\":null}");
        assertThat(new String(context.getTypeConverter().convertTo(byte[].class, u)))
                .isEqualTo("{\"name\":\"Roger Wilco\",\"phone\":null}");
    }

    @Test
    void mapAndJsonToModelWithOrWithoutEnvelope() {
        Ticket fromMap = context.getTypeConverter().convertTo(Ticket.class, Map.of("subject", "A", "tags", List.of("x")));
        assertThat(fromMap.getSubject()).isEqualTo("A");
        assertThat(fromMap.getTags()).containsExactly("x");
        Ticket fromJson = context.getTypeConverter().convertTo(Ticket.class, fixture("ticket.json"));
        assertThat(fromJson.getId()).isEqualTo(35436L);
        assertThat(fromJson.get("satisfaction_rating")).isNotNull();
        assertThat(context.getTypeConverter().convertTo(Ticket.class, "not json")).isNull();
    }
}
