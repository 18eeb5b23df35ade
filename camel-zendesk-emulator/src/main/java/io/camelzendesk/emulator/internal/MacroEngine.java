package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Applies macro (and trigger) actions to a ticket copy; computes "apply macro" previews. */
public final class MacroEngine {
    private final Core core;

    MacroEngine(Core core) {
        this.core = core;
    }

    /**
     * Applies ticket-changing actions to {@code ticket} (mutated). Returns the comment the actions
     * produce ({body, html_body, public}) or null. Must run under the Db lock.
     */
    ObjectNode applyActions(ObjectNode ticket, JsonNode actions, long actorId) {
        String body = null;
        String html = null;
        Boolean isPublic = null;
        for (JsonNode a : actions) {
            String field = Json.text(a, "field");
            JsonNode v = a.get("value");
            if (field == null) {
                continue;
            }
            String text = v == null || v.isNull() ? null : (v.isArray() ? (v.isEmpty() ? "" : v.get(v.size() - 1).asText()) : v.asText());
            switch (field) {
                case "status", "priority", "type" -> {
                    if (text == null || text.isEmpty()) {
                        ticket.putNull(field);
                    } else {
                        ticket.put(field, text.toLowerCase(Locale.ROOT));
                        if (field.equals("status")) {
                            ticket.put("custom_status_id", (long) TicketService.STATUSES.indexOf(text.toLowerCase(Locale.ROOT)) + 1);
                        }
                    }
                }
                case "group_id", "assignee_id", "organization_id", "requester_id" -> {
                    if (text == null || text.isEmpty()) {
                        ticket.putNull(field);
                    } else if ("current_user".equals(text)) {
                        ticket.put(field, actorId);
                    } else if ("current_groups".equals(text)) {
                        // not modelled
                    } else {
                        try {
                            ticket.put(field, Long.parseLong(text));
                        } catch (NumberFormatException ignored) {
                            // ignore unknown
                        }
                    }
                }
                case "subject" -> {
                    ticket.put("subject", text);
                    ticket.put("raw_subject", text);
                }
                case "set_tags" -> ticket.set("tags", Json.stringArray(Json.normalizeTags(Json.strings(v))));
                case "current_tags" -> {
                    Set<String> tags = new LinkedHashSet<>(Json.strings(ticket.get("tags")));
                    tags.addAll(Json.normalizeTags(Json.strings(v)));
                    ticket.set("tags", Json.stringArray(tags));
                }
                case "remove_tags" -> {
                    Set<String> tags = new LinkedHashSet<>(Json.strings(ticket.get("tags")));
                    tags.removeAll(Json.normalizeTags(Json.strings(v)));
                    ticket.set("tags", Json.stringArray(tags));
                }
                case "comment_value" -> body = text;
                case "comment_value_html" -> html = text;
                case "comment_mode_is_public" -> isPublic = text == null || Boolean.parseBoolean(text);
                default -> {
                    if (field.startsWith("custom_fields_")) {
                        setCustomField(ticket, Long.parseLong(field.substring("custom_fields_".length())), v);
                    }
                }
            }
        }
        if (body == null && html == null) {
            return null;
        }
        body = body == null ? null : Placeholders.render(core, body, ticket, actorId, false);
        html = html == null ? null : Placeholders.render(core, html, ticket, actorId, false);
        if (body == null) {
            body = html.replaceAll("<[^>]+>", "").trim();
        }
        if (html == null) {
            html = "<p>" + body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + "</p>";
        }
        ArrayNode scoped = Json.arr();
        scoped.add(Json.arr().add("channel:all").add(body));
        return Json.obj("body", body, "html_body", html, "scoped_body", scoped, "public", isPublic == null || isPublic);
    }

    private static void setCustomField(ObjectNode ticket, long fieldId, JsonNode value) {
        for (String key : List.of("custom_fields", "fields")) {
            JsonNode arr = ticket.get(key);
            if (arr == null || !arr.isArray()) {
                continue;
            }
            for (JsonNode cf : arr) {
                if (cf.get("id").asLong() == fieldId) {
                    ((ObjectNode) cf).set("value", value == null ? null : value.deepCopy());
                }
            }
        }
    }

    /** GET /tickets/{id}/macros/{macro_id}/apply: {"result":{"ticket":..., "comment":...}}, ticket unchanged. */
    public ObjectNode applyPreview(long ticketId, long macroId, long actorId) {
        return core.db.read(() -> {
            Entity macro = core.db.t(Db.MACROS).live(macroId);
            if (macro == null) {
                throw ApiError.notFound();
            }
            Entity t = core.db.t(Db.TICKETS).live(ticketId);
            if (t == null) {
                throw ApiError.notFound();
            }
            ObjectNode copy = t.json.deepCopy();
            ObjectNode comment = applyActions(copy, macro.json.get("actions"), actorId);
            ObjectNode result = Json.obj("ticket", copy);
            if (comment != null) {
                result.set("comment", comment);
            }
            return Json.obj("result", result);
        });
    }

    /** GET /macros/{id}/apply: the changes a macro makes, without a ticket. */
    public ObjectNode applyWithoutTicket(long macroId, long actorId) {
        return core.db.read(() -> {
            Entity macro = core.db.t(Db.MACROS).live(macroId);
            if (macro == null) {
                throw ApiError.notFound();
            }
            ObjectNode blank = Json.obj("tags", Json.arr(), "custom_fields", Json.arr(), "fields", Json.arr());
            ObjectNode comment = applyActions(blank, macro.json.get("actions"), actorId);
            ObjectNode result = Json.obj("ticket", blank);
            if (comment != null) {
                result.set("comment", comment);
            }
            return Json.obj("result", result);
        });
    }
}
