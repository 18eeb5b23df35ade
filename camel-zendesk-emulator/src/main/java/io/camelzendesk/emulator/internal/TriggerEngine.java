package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Business-rule triggers: evaluated on every ticket create/update (API or admin), in position order,
 * re-run while one fires (each fires at most once per update), like Zendesk's trigger cycle.
 */
public final class TriggerEngine {
    private static final System.Logger LOG = System.getLogger(TriggerEngine.class.getName());

    /** A notification_webhook action to deliver once the update committed. */
    public record Notification(String webhookId, String template, ObjectNode ticket, long actorId, long triggerId) {
    }

    private final Core core;

    TriggerEngine(Core core) {
        this.core = core;
    }

    /** Runs the trigger cycle; mutates {@code after}; must run under the write lock. */
    List<Notification> run(ObjectNode before, ObjectNode after, boolean isCreate, ObjectNode comment, long actorId) {
        List<Entity> triggers = new ArrayList<>();
        for (Entity e : core.db.t(Db.TRIGGERS).all()) {
            if (!e.deleted && e.json.path("active").asBoolean(true)) {
                triggers.add(e);
            }
        }
        if (triggers.isEmpty()) {
            return List.of();
        }
        triggers.sort(Comparator.<Entity>comparingLong(e -> e.json.path("position").asLong()).thenComparingLong(e -> e.id));
        List<Notification> out = new ArrayList<>();
        Set<Long> fired = new HashSet<>();
        boolean again = true;
        while (again) {
            again = false;
            for (Entity t : triggers) {
                if (fired.contains(t.id) || !matches(t.json.get("conditions"), before, after, isCreate, comment)) {
                    continue;
                }
                fired.add(t.id);
                again = true;
                LOG.log(Level.DEBUG, "trigger {0} fired on ticket {1}", t.id, after.get("id"));
                core.macros.applyActions(after, t.json.get("actions"), actorId);
                for (JsonNode a : t.json.get("actions")) {
                    if ("notification_webhook".equals(Json.text(a, "field")) && a.get("value").isArray() && a.get("value").size() >= 1) {
                        JsonNode v = a.get("value");
                        out.add(new Notification(v.get(0).asText(), v.size() > 1 ? v.get(1).asText() : "", after, actorId, t.id));
                    }
                }
            }
        }
        return out;
    }

    /** Renders and queues the webhook notifications (after the ticket reached its final state). */
    void deliver(List<Notification> notes) {
        for (Notification n : notes) {
            ObjectNode webhook = core.db.webhooks.get(n.webhookId());
            boolean json = webhook == null || "json".equals(Json.text(webhook, "request_format"));
            String body = Placeholders.render(core, n.template(), n.ticket(), n.actorId(), json);
            core.webhooks.notifyConditional(n.webhookId(), body, n.ticket().get("id").asLong(), n.triggerId());
        }
    }

    boolean matches(JsonNode conditions, ObjectNode before, ObjectNode after, boolean isCreate, ObjectNode comment) {
        if (conditions == null) {
            return false;
        }
        for (JsonNode c : conditions.path("all")) {
            if (!condition(c, before, after, isCreate, comment)) {
                return false;
            }
        }
        JsonNode any = conditions.path("any");
        if (any.isEmpty()) {
            return true;
        }
        for (JsonNode c : any) {
            if (condition(c, before, after, isCreate, comment)) {
                return true;
            }
        }
        return false;
    }

    private boolean condition(JsonNode c, ObjectNode before, ObjectNode after, boolean isCreate, ObjectNode comment) {
        String field = Json.text(c, "field");
        String op = Json.text(c, "operator");
        JsonNode valueNode = c.get("value");
        String value = valueNode == null || valueNode.isNull() ? "" : valueNode.asText();
        if (field == null) {
            return false;
        }
        if (op == null) {
            op = "is";
        }
        switch (field) {
            case "update_type": {
                boolean want = "create".equalsIgnoreCase(value);
                boolean is = isCreate == want;
                return "is_not".equals(op) ? !is : is;
            }
            case "current_tags": {
                List<String> tags = Json.strings(after.get("tags"));
                List<String> wanted = Json.strings(valueNode);
                boolean any = wanted.stream().anyMatch(tags::contains);
                return switch (op) {
                    case "includes" -> any;
                    case "not_includes", "includes_none" -> !any;
                    case "includes_all" -> tags.containsAll(wanted);
                    default -> false;
                };
            }
            case "comment_is_public": {
                if ("not_relevant".equals(value)) {
                    return true;
                }
                if (comment == null) {
                    return false;
                }
                boolean pub = !comment.has("public") || comment.get("public").asBoolean(true);
                return pub == Boolean.parseBoolean(value);
            }
            case "comment_includes_word":
            case "subject_includes_word": {
                String hay = field.startsWith("comment")
                        ? (comment == null ? "" : Objects.toString(Json.text(comment, "body"), Objects.toString(Json.text(comment, "html_body"), "")))
                        : Objects.toString(Json.text(after, "subject"), "");
                hay = hay.toLowerCase(Locale.ROOT);
                boolean any = false;
                for (String w : value.toLowerCase(Locale.ROOT).split("\\s+")) {
                    if (!w.isEmpty() && hay.contains(w)) {
                        any = true;
                    }
                }
                return "not_includes".equals(op) ? !any : any;
            }
            default:
                break;
        }
        String key = field.startsWith("custom_fields_") ? field : field;
        String cur = fieldValue(after, key);
        String prev = before == null ? null : fieldValue(before, key);
        boolean changed = before == null ? cur != null : !Objects.equals(cur, prev);
        String want = value.isEmpty() ? null : value.toLowerCase(Locale.ROOT);
        String curL = cur == null ? null : cur.toLowerCase(Locale.ROOT);
        String prevL = prev == null ? null : prev.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "is" -> Objects.equals(curL, want);
            case "is_not" -> !Objects.equals(curL, want);
            case "less_than" -> compare(field, curL, want) < 0;
            case "greater_than" -> compare(field, curL, want) > 0;
            case "changed" -> changed;
            case "not_changed" -> !changed;
            case "value" -> changed && Objects.equals(curL, want);
            case "value_previous" -> changed && Objects.equals(prevL, want);
            case "not_value" -> !(changed && Objects.equals(curL, want));
            case "not_value_previous" -> !(changed && Objects.equals(prevL, want));
            case "present" -> cur != null;
            case "not_present" -> cur == null;
            default -> {
                LOG.log(Level.DEBUG, "unsupported trigger operator {0} on {1}", op, field);
                yield false;
            }
        };
    }

    private static String fieldValue(ObjectNode t, String field) {
        if (field.startsWith("custom_fields_")) {
            long id = Long.parseLong(field.substring("custom_fields_".length()));
            for (JsonNode cf : t.path("custom_fields")) {
                if (cf.get("id").asLong() == id) {
                    return cf.get("value").isNull() ? null : cf.get("value").asText();
                }
            }
            return null;
        }
        String f = switch (field) {
            case "ticket_type_id" -> "type";
            default -> field;
        };
        JsonNode v = t.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int compare(String field, String a, String b) {
        List<String> order = "status".equals(field) ? TicketService.STATUSES : "priority".equals(field) ? TicketService.PRIORITIES : null;
        if (order == null || a == null || b == null) {
            return 0;
        }
        return Integer.compare(order.indexOf(a), order.indexOf(b));
    }
}
