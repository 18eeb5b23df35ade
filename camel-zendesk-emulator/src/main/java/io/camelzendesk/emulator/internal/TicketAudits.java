package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What a ticket change leaves behind: its audit (the ticket_events row) and the webhook events it publishes. */
final class TicketAudits {
    private final Core core;

    TicketAudits(Core core) {
        this.core = core;
    }

    ObjectNode record(long auditId, ObjectNode before, ObjectNode after, ObjectNode comment, long actorId, String channel, long now) {
        ArrayNode events = Json.arr();
        long evId = auditId * 10;
        if (comment != null) {
            ObjectNode ce = comment.deepCopy();
            ce.remove("ticket_id");
            events.add(ce);
        }
        for (String f : List.of("subject", "status", "priority", "type", "requester_id", "assignee_id", "group_id",
                "organization_id", "tags", "custom_fields", "external_id", "collaborator_ids")) {
            JsonNode a = after.get(f);
            JsonNode b = before == null ? null : before.get(f);
            if (before == null) {
                if (a != null && !a.isNull() && !(a.isArray() && a.isEmpty())) {
                    events.add(Json.obj("id", ++evId, "type", "Create", "field_name", f, "value", a));
                }
            } else if (a != null && !a.equals(b)) {
                events.add(Json.obj("id", ++evId, "type", "Change", "field_name", f, "value", a, "previous_value", b));
            }
        }
        ObjectNode audit = Json.obj("id", auditId, "ticket_id", after.get("id").asLong(), "created_at", Times.iso(now),
                "author_id", actorId, "metadata", Json.obj("system", Json.obj("client", "camel-zendesk-emulator"), "custom", Json.obj()),
                "via", TicketService.via(channel), "events", events);
        core.db.t(Db.TICKET_EVENTS).put(new Entity(auditId, audit, now / 1000, now));
        return audit;
    }

    private static ObjectNode meta() {
        return Json.obj("sequence", Json.obj("id", UUID.randomUUID().toString(), "position", 1, "total", 1));
    }

    void publish(ObjectNode before, ObjectNode after, ObjectNode comment, long actorId) {
        String subject = "zen:ticket:" + after.get("id").asLong();
        ObjectNode detail = ticketDetail(after, actorId);
        if (before == null) {
            core.webhooks.publish("ticket.created", subject, detail, Json.obj("meta", meta()));
        } else {
            Map<String, String> changes = Map.of("status", "ticket.status_changed", "priority", "ticket.priority_changed",
                    "assignee_id", "ticket.agent_assignment_changed", "group_id", "ticket.group_assignment_changed",
                    "type", "ticket.type_changed", "subject", "ticket.subject_changed",
                    "organization_id", "ticket.organization_changed", "requester_id", "ticket.requester_changed",
                    "external_id", "ticket.external_id_changed", "custom_fields", "ticket.custom_field_changed");
            for (Map.Entry<String, String> c : changes.entrySet()) {
                JsonNode b = before.get(c.getKey());
                JsonNode a = after.get(c.getKey());
                if (a != null && !a.equals(b)) {
                    core.webhooks.publish(c.getValue(), subject, detail, Json.obj("current", eventValue(c.getKey(), a),
                            "previous", eventValue(c.getKey(), b), "meta", meta()));
                }
            }
            List<String> bt = Json.strings(before.get("tags"));
            List<String> at = Json.strings(after.get("tags"));
            if (!bt.equals(at)) {
                ArrayNode added = Json.arr();
                ArrayNode removed = Json.arr();
                at.stream().filter(x -> !bt.contains(x)).forEach(added::add);
                bt.stream().filter(x -> !at.contains(x)).forEach(removed::add);
                core.webhooks.publish("ticket.tags_changed", subject, detail, Json.obj("tags_added", added, "tags_removed", removed, "meta", meta()));
            }
        }
        if (comment != null) {
            Entity author = core.db.t(Db.USERS).get(comment.get("author_id").asLong());
            ObjectNode ev = Json.obj("comment", Json.obj("id", comment.get("id").asText(), "body", comment.get("body").asText(),
                    "is_public", comment.get("public").asBoolean(),
                    "author", Json.obj("id", comment.get("author_id").asText(),
                            "is_staff", author != null && !"end-user".equals(Json.text(author.json, "role")),
                            "name", author == null ? "" : Json.text(author.json, "name"))), "meta", meta());
            core.webhooks.publish("ticket.comment_added", subject, detail, ev);
        }
    }

    /** A soft delete's event. */
    void publishSoftDeleted(ObjectNode tk, long actorId) {
        core.webhooks.publish("ticket.soft_deleted", "zen:ticket:" + tk.get("id").asLong(), ticketDetail(tk, actorId),
                Json.obj("meta", meta()));
    }

    private static JsonNode eventValue(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return NullNode.getInstance();
        }
        if (field.endsWith("_id")) {
            return Json.toNode(v.asText());
        }
        if (v.isTextual() && Set.of("status", "priority", "type").contains(field)) {
            return Json.toNode(v.asText().toUpperCase(Locale.ROOT));
        }
        return v;
    }

    /** The ticket as event payloads show it: ids as strings, enums upper case. */
    private ObjectNode ticketDetail(ObjectNode tk, long actorId) {
        return Json.obj("actor_id", String.valueOf(actorId), "assignee_id", s(tk, "assignee_id"), "brand_id", s(tk, "brand_id"),
                "created_at", tk.get("created_at"), "custom_status", s(tk, "custom_status_id"), "description", Json.text(tk, "description"),
                "external_id", s(tk, "external_id"), "form_id", s(tk, "ticket_form_id"), "group_id", s(tk, "group_id"),
                "id", s(tk, "id"), "is_public", tk.path("is_public").asBoolean(true), "organization_id", s(tk, "organization_id"),
                "priority", upper(tk, "priority"), "requester_id", s(tk, "requester_id"), "status", upper(tk, "status"),
                "subject", Json.text(tk, "subject"), "submitter_id", s(tk, "submitter_id"), "tags", tk.get("tags"),
                "type", upper(tk, "type"), "updated_at", tk.get("updated_at"), "via", Json.obj("channel", tk.path("via").path("channel").asText("api")));
    }

    private static String s(ObjectNode o, String f) {
        return Json.text(o, f);
    }

    private static String upper(ObjectNode o, String f) {
        String v = Json.text(o, f);
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }
}
