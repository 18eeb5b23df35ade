package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders Zendesk placeholders ({{ticket.id}}, {{ticket.requester.email}}, ...) against a ticket. */
final class Placeholders {
    private static final Pattern P = Pattern.compile("\\{\\{\\s*([a-z_.]+)\\s*}}");

    private Placeholders() {
    }

    /** Must be called with the Db lock held. {@code jsonEscape}: values are escaped for a JSON string context. */
    static String render(Core core, String template, ObjectNode ticket, long actorId, boolean jsonEscape) {
        if (template == null) {
            return "";
        }
        Matcher m = P.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = value(core, m.group(1), ticket, actorId);
            if (v == null) {
                v = "";
            }
            if (jsonEscape) {
                String quoted = TextNode.valueOf(v).toString();
                v = quoted.substring(1, quoted.length() - 1);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String value(Core core, String key, ObjectNode t, long actorId) {
        switch (key) {
            case "ticket.id":
                return Json.text(t, "id");
            case "ticket.title":
            case "ticket.subject":
                return Json.text(t, "subject");
            case "ticket.description":
                return Json.text(t, "description");
            case "ticket.status":
                return title(Json.text(t, "status"));
            case "ticket.priority":
                return title(Json.text(t, "priority"));
            case "ticket.ticket_type":
            case "ticket.type":
                return title(Json.text(t, "type"));
            case "ticket.tags":
                return String.join(" ", Json.strings(t.get("tags")));
            case "ticket.external_id":
                return Json.text(t, "external_id");
            case "ticket.url":
                return core.baseUrl.replaceFirst("^https?://", "") + "/agent/tickets/" + Json.text(t, "id");
            case "ticket.link":
                return core.baseUrl + "/agent/tickets/" + Json.text(t, "id");
            case "ticket.created_at":
            case "ticket.created_at_with_timestamp":
                return Json.text(t, "created_at");
            case "ticket.updated_at":
            case "ticket.updated_at_with_timestamp":
                return Json.text(t, "updated_at");
            case "ticket.account":
                return core.subdomain;
            case "ticket.latest_comment":
            case "ticket.latest_public_comment": {
                List<Long> ids = core.db.ticketComments.get(t.get("id").asLong());
                if (ids == null || ids.isEmpty()) {
                    return "";
                }
                return Json.text(core.db.t(Db.COMMENTS).get(ids.get(ids.size() - 1)).json, "body");
            }
            default:
                break;
        }
        String[] parts = key.split("\\.");
        if (parts.length == 3 && parts[0].equals("ticket")) {
            String ref = switch (parts[1]) {
                case "requester" -> "requester_id";
                case "assignee" -> "assignee_id";
                case "submitter" -> "submitter_id";
                case "organization" -> "organization_id";
                case "group" -> "group_id";
                default -> null;
            };
            if (ref == null || !t.hasNonNull(ref)) {
                return "";
            }
            String table = switch (parts[1]) {
                case "organization" -> Db.ORGANIZATIONS;
                case "group" -> Db.GROUPS;
                default -> Db.USERS;
            };
            Entity e = core.db.t(table).get(t.get(ref).asLong());
            if (e == null) {
                return "";
            }
            String field = parts[2].equals("first_name") ? "name" : parts[2];
            JsonNode v = e.json.get(field);
            String s = v == null || v.isNull() ? "" : v.asText();
            return parts[2].equals("first_name") ? s.split(" ")[0] : s;
        }
        if (parts.length == 2 && parts[0].equals("current_user")) {
            Entity u = core.db.t(Db.USERS).get(actorId);
            return u == null ? "" : Json.text(u.json, parts[1]);
        }
        return "";
    }

    private static String title(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
