package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Ticket comments: read from a create or update, built (with their uploads as attachments), stored, listed. */
final class TicketComments {
    private final Core core;

    TicketComments(Core core) {
        this.core = core;
    }

    /** The comment a create or update carries, or null. */
    static ObjectNode input(ObjectNode in, boolean creating) {
        JsonNode c = in.get("comment");
        if (c != null && c.isObject() && (c.hasNonNull("body") || c.hasNonNull("html_body"))) {
            return (ObjectNode) c;
        }
        if (c != null && c.isTextual() && !c.asText().isBlank()) {
            return Json.obj("body", c.asText());
        }
        if (creating && in.hasNonNull("description") && !in.get("description").asText().isBlank()) {
            return Json.obj("body", in.get("description").asText());
        }
        return null;
    }

    ObjectNode build(long ticketId, ObjectNode in, long authorId, String channel, long now, long auditId) {
        long id = core.db.t(Db.COMMENTS).nextId();
        String html = Json.text(in, "html_body");
        String body = Json.text(in, "body");
        if (body == null) {
            body = html.replaceAll("<[^>]+>", "").trim();
        }
        if (html == null) {
            html = "<div class=\"zd-comment\" dir=\"auto\"><p>" + escapeHtml(body).replace("\n", "<br>") + "</p></div>";
        }
        ArrayNode attachments = Json.arr();
        for (String token : Json.strings(in.get("uploads"))) {
            List<Long> ids = core.db.uploads.remove(token);
            if (ids != null) {
                for (Long aid : ids) {
                    Entity a = core.db.t(Db.ATTACHMENTS).get(aid);
                    if (a != null) {
                        attachments.add(a.json);
                    }
                }
            }
        }
        boolean isPublic = !in.has("public") || in.get("public").asBoolean(true);
        return Json.obj("id", id, "type", "Comment", "author_id", authorId, "body", body, "html_body", html,
                "plain_body", body, "public", isPublic, "attachments", attachments, "audit_id", auditId,
                "via", TicketService.via(channel), "created_at", Times.iso(now),
                "metadata", Json.obj("system", Json.obj("client", "camel-zendesk-emulator", "ip_address", "127.0.0.1"),
                        "custom", Json.obj()), "ticket_id", ticketId);
    }

    void store(long ticketId, ObjectNode comment) {
        long id = comment.get("id").asLong();
        core.db.t(Db.COMMENTS).put(new Entity(id, comment, 0, 0));
        core.db.ticketComments.computeIfAbsent(ticketId, k -> new ArrayList<>()).add(id);
    }

    /** Comments of a ticket (404 when the ticket doesn't exist). */
    List<ObjectNode> list(long ticketId) {
        return core.db.read(() -> {
            if (core.db.t(Db.TICKETS).live(ticketId) == null) {
                throw ApiError.notFound();
            }
            List<ObjectNode> out = new ArrayList<>();
            for (Long cid : core.db.ticketComments.getOrDefault(ticketId, List.of())) {
                ObjectNode c = core.db.t(Db.COMMENTS).get(cid).json.deepCopy();
                c.remove("ticket_id");
                out.add(c);
            }
            return out;
        });
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
