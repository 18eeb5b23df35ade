package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A ticket's fields as a create or update sets them: plain fields, references (checked against their tables),
 * id lists, tags, custom fields (validated against ticket_fields), the requester by email.
 */
final class TicketFields {
    private static final Set<String> SIMPLE_FIELDS = Set.of("subject", "external_id", "type", "priority", "status",
            "recipient", "requester_id", "submitter_id", "assignee_id", "organization_id", "group_id", "due_at",
            "problem_id", "brand_id", "ticket_form_id", "custom_status_id");
    private static final Set<String> ID_LISTS = Set.of("collaborator_ids", "follower_ids", "email_cc_ids");

    private final Core core;

    TicketFields(Core core) {
        this.core = core;
    }

    /** Sets the input's fields on the ticket {@code tk}; what is not valid goes to {@code inv}. */
    void apply(ObjectNode tk, ObjectNode in, ApiError.Invalid inv, boolean creating) {
        for (String f : SIMPLE_FIELDS) {
            if (!in.has(f)) {
                continue;
            }
            JsonNode v = in.get(f);
            switch (f) {
                case "status" -> {
                    String s = v.isNull() ? null : v.asText().toLowerCase(Locale.ROOT);
                    if (s == null || !TicketService.STATUSES.contains(s)) {
                        inv.add("status", "InvalidValue", "Status: is not valid");
                    } else {
                        tk.put("status", s);
                        tk.put("custom_status_id", (long) TicketService.STATUSES.indexOf(s) + 1);
                    }
                }
                case "priority" -> enumField(tk, "priority", v, TicketService.PRIORITIES, inv, "Priority");
                case "type" -> enumField(tk, "type", v, TicketService.TYPES, inv, "Type");
                case "subject" -> {
                    tk.set("subject", v);
                    tk.set("raw_subject", v);
                }
                case "assignee_id" -> refField(tk, f, v, Db.USERS, inv, "Assignee", true);
                case "group_id" -> refField(tk, f, v, Db.GROUPS, inv, "Group", false);
                case "organization_id" -> refField(tk, f, v, Db.ORGANIZATIONS, inv, "Organization", false);
                case "requester_id" -> refField(tk, f, v, Db.USERS, inv, "Requester", false);
                case "submitter_id" -> refField(tk, f, v, Db.USERS, inv, "Submitter", false);
                default -> tk.set(f, v.deepCopy());
            }
        }
        for (String f : ID_LISTS) {
            if (in.has(f)) {
                tk.set(f, Json.longArray(new LinkedHashSet<>(Json.longs(in.get(f)))));
            }
        }
        if (in.has("collaborator_ids")) {
            tk.set("email_cc_ids", tk.get("collaborator_ids").deepCopy());
        }
        Set<String> tags = new LinkedHashSet<>(Json.strings(tk.get("tags")));
        if (in.has("tags")) {
            tags = Json.normalizeTags(Json.strings(in.get("tags")));
        }
        if (in.has("additional_tags")) {
            tags.addAll(Json.normalizeTags(Json.strings(in.get("additional_tags"))));
        }
        if (in.has("remove_tags")) {
            tags.removeAll(Json.normalizeTags(Json.strings(in.get("remove_tags"))));
        }
        JsonNode cf = in.has("custom_fields") ? in.get("custom_fields") : in.get("fields");
        applyCustomFields(tk, cf, tags, inv, creating);
        tk.set("tags", Json.stringArray(tags));
    }

    private static void enumField(ObjectNode tk, String f, JsonNode v, List<String> allowed, ApiError.Invalid inv, String label) {
        if (v.isNull() || v.asText().isEmpty()) {
            tk.putNull(f);
            return;
        }
        String s = v.asText().toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            inv.add(f, "InvalidValue", label + ": is not valid");
        } else {
            tk.put(f, s);
        }
    }

    private void refField(ObjectNode tk, String f, JsonNode v, String table, ApiError.Invalid inv, String label, boolean agent) {
        if (v.isNull()) {
            tk.putNull(f);
            return;
        }
        long ref = v.asLong();
        Entity e = core.db.t(table).live(ref);
        if (e == null || (agent && "end-user".equals(Json.text(e.json, "role")))) {
            inv.add(f, "InvalidValue", label + ": is invalid");
            return;
        }
        tk.put(f, ref);
    }

    /** A {@code requester} object: the user with that email, created when there is none. */
    void resolveRequester(ObjectNode in, ObjectNode tk, long actorId, ApiError.Invalid inv) {
        JsonNode r = in.get("requester");
        if (r == null || !r.isObject()) {
            return;
        }
        String email = Json.text(r, "email");
        if (email == null) {
            inv.add("requester", "InvalidValue", "Requester: email is required");
            return;
        }
        for (Entity u : core.db.t(Db.USERS).all()) {
            if (!u.deleted && email.equalsIgnoreCase(Json.text(u.json, "email"))) {
                tk.put("requester_id", u.id);
                return;
            }
        }
        ObjectNode user = Json.obj("name", Json.text(r, "name") != null ? Json.text(r, "name") : email, "email", email);
        if (r.has("locale_id")) {
            user.set("locale_id", r.get("locale_id"));
        }
        ObjectNode created = core.resources.create(Db.USERS, user, actorId);
        tk.put("requester_id", created.get("id").asLong());
    }

    /** A ticket solved with no assignee is assigned to the agent who solved it. */
    void autoAssignOnSolve(ObjectNode tk, long actorId) {
        if ("solved".equals(Json.text(tk, "status")) && tk.get("assignee_id").isNull()) {
            Entity actor = core.db.t(Db.USERS).live(actorId);
            if (actor != null && !"end-user".equals(Json.text(actor.json, "role"))) {
                tk.put("assignee_id", actorId);
            }
        }
    }

    /** Validates custom field values against ticket_fields; dropdown values become tags, like Zendesk. */
    private void applyCustomFields(ObjectNode tk, JsonNode input, Set<String> tags, ApiError.Invalid inv, boolean creating) {
        Map<Long, JsonNode> values = new LinkedHashMap<>();
        for (JsonNode cur : tk.get("custom_fields")) {
            values.put(cur.get("id").asLong(), cur.get("value"));
        }
        Map<Long, ObjectNode> defs = new LinkedHashMap<>();
        for (Entity f : core.db.t(Db.TICKET_FIELDS).all()) {
            if (!f.deleted && f.json.path("removable").asBoolean(true) && f.json.path("active").asBoolean(true)) {
                defs.put(f.id, f.json);
                values.putIfAbsent(f.id, com.fasterxml.jackson.databind.node.NullNode.getInstance());
            }
        }
        if (input != null && input.isArray()) {
            for (JsonNode item : input) {
                Long fid = Json.longOrNull(item, "id");
                ObjectNode def = fid == null ? null : defs.get(fid);
                if (def == null) {
                    inv.add("base", "InvalidValue", "Ticket field " + (fid == null ? "(missing id)" : fid) + " does not exist");
                    continue;
                }
                JsonNode v = item.has("value") ? item.get("value") : com.fasterxml.jackson.databind.node.NullNode.getInstance();
                JsonNode norm = validateValue(def, v, inv);
                if (norm == null) {
                    continue;
                }
                String type = Json.text(def, "type");
                if ("tagger".equals(type) || "multiselect".equals(type)) {
                    for (JsonNode opt : def.get("custom_field_options")) {
                        tags.remove(opt.get("value").asText());
                    }
                    if (norm.isTextual()) {
                        tags.add(norm.asText());
                    } else if (norm.isArray()) {
                        norm.forEach(x -> tags.add(x.asText()));
                    }
                } else if ("checkbox".equals(type) && def.hasNonNull("tag")) {
                    if (norm.asBoolean()) {
                        tags.add(def.get("tag").asText());
                    } else {
                        tags.remove(def.get("tag").asText());
                    }
                }
                values.put(fid, norm);
            }
        }
        ArrayNode out = Json.arr();
        values.forEach((k, v) -> {
            if (defs.containsKey(k)) {
                out.add(Json.obj("id", k, "value", v));
            }
        });
        tk.set("custom_fields", out);
        tk.set("fields", out.deepCopy());
    }

    private static JsonNode validateValue(ObjectNode def, JsonNode v, ApiError.Invalid inv) {
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        String type = Json.text(def, "type");
        String title = Json.text(def, "title");
        String bad = title + ": " + v.asText() + " is not a valid value";
        switch (type == null ? "text" : type) {
            case "integer" -> {
                if (v.isIntegralNumber()) {
                    return Json.toNode(v.asText());
                }
                if (v.isTextual() && v.asText().trim().matches("-?\\d+")) {
                    return Json.toNode(v.asText().trim());
                }
            }
            case "decimal" -> {
                if (v.isNumber() || (v.isTextual() && v.asText().trim().matches("-?\\d+(\\.\\d+)?"))) {
                    return Json.toNode(v.asText().trim());
                }
            }
            case "checkbox" -> {
                if (v.isBoolean()) {
                    return v;
                }
                if (v.isTextual() && ("true".equals(v.asText()) || "false".equals(v.asText()))) {
                    return Json.toNode(Boolean.parseBoolean(v.asText()));
                }
            }
            case "date" -> {
                if (v.isTextual() && v.asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
                    return v;
                }
            }
            case "regexp" -> {
                String re = Json.text(def, "regexp_for_validation");
                if (re == null || v.asText().matches(re)) {
                    return Json.toNode(v.asText());
                }
            }
            case "tagger" -> {
                for (JsonNode opt : def.get("custom_field_options")) {
                    if (opt.get("value").asText().equals(v.asText())) {
                        return Json.toNode(v.asText());
                    }
                }
            }
            case "multiselect" -> {
                List<String> given = Json.strings(v);
                Set<String> allowed = new LinkedHashSet<>();
                def.get("custom_field_options").forEach(o -> allowed.add(o.get("value").asText()));
                if (allowed.containsAll(given)) {
                    return Json.stringArray(given);
                }
            }
            default -> {
                return v.isValueNode() ? Json.toNode(v.asText()) : v;
            }
        }
        inv.add("base", "InvalidValue", bad);
        return null;
    }
}
