package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tickets: create/update (with comments, custom fields, tags, triggers, audits, events), soft delete,
 * side-loads. Every change, by an API client or through the admin handle, goes through here.
 */
public final class TicketService {
    public static final List<String> STATUSES = List.of("new", "open", "pending", "hold", "solved", "closed");
    public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    public static final List<String> TYPES = List.of("problem", "incident", "question", "task");
    private static final Set<String> SIMPLE_FIELDS = Set.of("subject", "external_id", "type", "priority", "status",
            "recipient", "requester_id", "submitter_id", "assignee_id", "organization_id", "group_id", "due_at",
            "problem_id", "brand_id", "ticket_form_id", "custom_status_id");
    private static final Set<String> ID_LISTS = Set.of("collaborator_ids", "follower_ids", "email_cc_ids");

    /** The result of a write: the ticket and the audit that recorded it. */
    public record Change(ObjectNode ticket, ObjectNode audit) {
        public ObjectNode body() {
            return Json.obj("ticket", ticket, "audit", audit);
        }
    }

    private final Core core;

    TicketService(Core core) {
        this.core = core;
    }

    public static ObjectNode via(String channel) {
        return Json.obj("channel", channel, "source", Json.obj("from", Json.obj(), "to", Json.obj(), "rel", null));
    }

    // ------------------------------------------------------------------ create

    public Change create(ObjectNode in, long actorId, String channel) {
        return create(in, actorId, channel, null);
    }

    /** Creates a ticket; {@code atMillis} forces the timestamps (bulk loads), else the clock. */
    public Change create(ObjectNode in, long actorId, String channel, Long atMillis) {
        return core.db.write(() -> {
            long now = atMillis != null ? atMillis : core.now();
            Table t = core.db.t(Db.TICKETS);
            long id = t.nextId();
            ObjectNode tk = skeleton(id, now, channel, actorId);
            ApiError.Invalid inv = new ApiError.Invalid();
            ObjectNode commentIn = commentInput(in, true);
            if (commentIn == null) {
                inv.add("description", "BlankValue", "Description: cannot be blank");
            }
            boolean statusGiven = in.hasNonNull("status");
            resolveRequester(in, tk, actorId, inv);
            applyFields(tk, in, inv, true);
            inv.throwIfAny();
            if (!statusGiven && !tk.get("assignee_id").isNull()) {
                tk.put("status", "open");
            }
            if (!tk.hasNonNull("organization_id") && tk.hasNonNull("requester_id")) {
                Entity req = core.db.t(Db.USERS).live(tk.get("requester_id").asLong());
                if (req != null && req.json.hasNonNull("organization_id")) {
                    tk.set("organization_id", req.json.get("organization_id"));
                }
            }
            autoAssignOnSolve(tk, actorId);
            Long commentAuthor = Json.longOrNull(commentIn, "author_id");
            long authorId = commentAuthor != null ? commentAuthor : actorId;
            boolean isPublic = !commentIn.has("public") || commentIn.get("public").asBoolean(true);
            tk.put("is_public", isPublic);
            List<TriggerEngine.Notification> notes = core.triggers.run(null, tk, true, commentIn, actorId);
            long auditId = core.db.t(Db.TICKET_EVENTS).nextId();
            ObjectNode comment = buildComment(id, commentIn, authorId, channel, now, auditId);
            tk.put("description", comment.get("plain_body").asText());
            t.put(new Entity(id, tk, now / 1000, now));
            storeComment(id, comment);
            ObjectNode audit = recordAudit(auditId, null, tk, comment, actorId, channel, now);
            publishTicketEvents(null, tk, comment, actorId);
            core.triggers.deliver(notes);
            return new Change(tk, audit);
        });
    }

    private ObjectNode skeleton(long id, long now, String channel, long actorId) {
        return Json.obj(
                "id", id, "url", core.url("/api/v2/tickets/" + id + ".json"), "external_id", null,
                "via", via(channel), "created_at", Times.iso(now), "updated_at", Times.iso(now),
                "generated_timestamp", now / 1000, "type", null, "subject", null, "raw_subject", null,
                "description", null, "priority", null, "status", "new", "recipient", null,
                "requester_id", actorId, "submitter_id", actorId, "assignee_id", null, "organization_id", null,
                "group_id", null, "collaborator_ids", Json.arr(), "follower_ids", Json.arr(), "email_cc_ids", Json.arr(),
                "forum_topic_id", null, "problem_id", null, "has_incidents", false, "is_public", true,
                "due_at", null, "tags", Json.arr(), "custom_fields", Json.arr(), "satisfaction_rating", null,
                "sharing_agreement_ids", Json.arr(), "custom_status_id", 1L, "fields", Json.arr(),
                "followup_ids", Json.arr(), "ticket_form_id", null, "brand_id", null,
                "allow_channelback", false, "allow_attachments", true, "from_messaging_channel", false,
                "encoded_id", encodedId(id));
    }

    /** A comment to load with {@link #load}. */
    public record LoadComment(String body, long authorId, boolean isPublic, long atMillis) {
    }

    /**
     * Stores a ticket directly (seeding, bulk loads): trusted values, no validation, no triggers, no webhooks.
     * The ticket's export timestamp is {@code updatedMillis}. Must be called inside a Db write.
     */
    public long load(ObjectNode fields, List<LoadComment> comments, long createdMillis, long updatedMillis, ArrayNode customFields) {
        Table t = core.db.t(Db.TICKETS);
        long id = t.nextId();
        long requester = fields.path("requester_id").asLong(core.adminId());
        ObjectNode tk = skeleton(id, createdMillis, fields.path("via_channel").asText("web"), requester);
        fields.fields().forEachRemaining(f -> {
            if (tk.has(f.getKey()) && !f.getKey().equals("id")) {
                tk.set(f.getKey(), f.getValue());
            }
        });
        if (fields.has("subject")) {
            tk.set("raw_subject", fields.get("subject"));
        }
        if (fields.hasNonNull("status")) {
            tk.put("custom_status_id", (long) STATUSES.indexOf(fields.get("status").asText()) + 1);
        }
        tk.set("custom_fields", customFields);
        tk.set("fields", customFields);
        tk.put("updated_at", Times.iso(updatedMillis));
        tk.put("generated_timestamp", updatedMillis / 1000);
        long auditId = core.db.t(Db.TICKET_EVENTS).nextId();
        ObjectNode firstComment = null;
        for (LoadComment c : comments) {
            ObjectNode comment = buildComment(id, Json.obj("body", c.body(), "public", c.isPublic()), c.authorId(),
                    tk.path("via").path("channel").asText(), c.atMillis(), auditId);
            storeComment(id, comment);
            if (firstComment == null) {
                firstComment = comment;
                tk.put("description", c.body());
                tk.put("is_public", c.isPublic());
            }
        }
        t.put(new Entity(id, tk, updatedMillis / 1000, updatedMillis));
        recordAudit(auditId, null, tk, firstComment, requester, tk.path("via").path("channel").asText(), createdMillis);
        return id;
    }

    /** Custom fields of a new ticket: every active custom field with a null value. Inside a Db lock. */
    public ArrayNode emptyCustomFields() {
        ArrayNode out = Json.arr();
        for (Entity f : core.db.t(Db.TICKET_FIELDS).all()) {
            if (!f.deleted && f.json.path("removable").asBoolean(true) && f.json.path("active").asBoolean(true)) {
                out.add(Json.obj("id", f.id, "value", null));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ update

    public Change update(long id, ObjectNode in, long actorId, String channel) {
        return core.db.write(() -> {
            Table t = core.db.t(Db.TICKETS);
            Entity e = t.live(id);
            if (e == null) {
                throw ApiError.notFound();
            }
            ObjectNode before = e.json;
            if (in.path("safe_update").asBoolean(false)) {
                java.time.Instant stamp = Times.parse(Json.text(in, "updated_stamp"));
                java.time.Instant current = Times.parse(Json.text(before, "updated_at"));
                if (stamp == null || current == null || current.isAfter(stamp)) {
                    ObjectNode body = Json.obj("error", "UpdateConflict", "description",
                            "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.");
                    body.set("details", Json.obj("updated_at", Json.arr().add(Json.obj("description",
                            "Ticket was updated at " + before.get("updated_at").asText(), "error", "UpdateConflict"))));
                    throw new ApiError(409, body);
                }
            }
            if ("closed".equals(Json.text(before, "status"))) {
                throw ApiError.invalid("status", "ClosedPreventsUpdate", "Status: closed prevents ticket update");
            }
            ObjectNode tk = before.deepCopy();
            ApiError.Invalid inv = new ApiError.Invalid();
            resolveRequester(in, tk, actorId, inv);
            applyFields(tk, in, inv, false);
            inv.throwIfAny();
            if ("new".equals(Json.text(tk, "status")) && !tk.get("assignee_id").isNull() && !in.hasNonNull("status")) {
                tk.put("status", "open");
            }
            autoAssignOnSolve(tk, actorId);
            ObjectNode commentIn = commentInput(in, false);
            List<TriggerEngine.Notification> notes = core.triggers.run(before, tk, false, commentIn, actorId);
            if (commentIn == null && sameIgnoringTimes(before, tk)) {
                return new Change(before, null);
            }
            long now = Math.max(core.now(), e.changedMillis);
            tk.put("updated_at", Times.iso(now));
            tk.put("generated_timestamp", now / 1000);
            long auditId = core.db.t(Db.TICKET_EVENTS).nextId();
            ObjectNode comment = null;
            if (commentIn != null) {
                Long commentAuthor = Json.longOrNull(commentIn, "author_id");
                comment = buildComment(id, commentIn, commentAuthor != null ? commentAuthor : actorId, channel, now, auditId);
                storeComment(id, comment);
            }
            t.update(e, tk, now / 1000, now);
            ObjectNode audit = recordAudit(auditId, before, tk, comment, actorId, channel, now);
            publishTicketEvents(before, tk, comment, actorId);
            core.triggers.deliver(notes);
            return new Change(tk, audit);
        });
    }

    /** Soft delete: gone from the API, kept in exports with status "deleted". */
    public void delete(long id, long actorId) {
        core.db.run(() -> {
            Table t = core.db.t(Db.TICKETS);
            Entity e = t.live(id);
            if (e == null) {
                throw ApiError.notFound();
            }
            long now = core.now();
            ObjectNode tk = e.json.deepCopy();
            tk.put("status", "deleted");
            tk.put("updated_at", Times.iso(now));
            tk.put("generated_timestamp", now / 1000);
            t.update(e, tk, now / 1000, now);
            e.deleted = true;
            core.webhooks.publish("ticket.soft_deleted", "zen:ticket:" + id, ticketDetail(tk, actorId), Json.obj("meta", meta()));
        });
    }

    /** The ticket as it would be after the changes, without storing anything (macro preview). */
    public ObjectNode preview(long id, java.util.function.Consumer<ObjectNode> changes) {
        return core.db.read(() -> {
            Entity e = core.db.t(Db.TICKETS).live(id);
            if (e == null) {
                throw ApiError.notFound();
            }
            ObjectNode copy = e.json.deepCopy();
            changes.accept(copy);
            return copy;
        });
    }

    public ObjectNode get(long id) {
        return core.db.read(() -> {
            Entity e = core.db.t(Db.TICKETS).live(id);
            if (e == null) {
                throw ApiError.notFound();
            }
            return e.json;
        });
    }

    // ------------------------------------------------------------------ fields

    private void applyFields(ObjectNode tk, ObjectNode in, ApiError.Invalid inv, boolean creating) {
        for (String f : SIMPLE_FIELDS) {
            if (!in.has(f)) {
                continue;
            }
            JsonNode v = in.get(f);
            switch (f) {
                case "status" -> {
                    String s = v.isNull() ? null : v.asText().toLowerCase(Locale.ROOT);
                    if (s == null || !STATUSES.contains(s)) {
                        inv.add("status", "InvalidValue", "Status: is not valid");
                    } else {
                        tk.put("status", s);
                        tk.put("custom_status_id", (long) STATUSES.indexOf(s) + 1);
                    }
                }
                case "priority" -> enumField(tk, "priority", v, PRIORITIES, inv, "Priority");
                case "type" -> enumField(tk, "type", v, TYPES, inv, "Type");
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

    private void resolveRequester(ObjectNode in, ObjectNode tk, long actorId, ApiError.Invalid inv) {
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

    private void autoAssignOnSolve(ObjectNode tk, long actorId) {
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

    // ------------------------------------------------------------------ comments

    private static ObjectNode commentInput(ObjectNode in, boolean creating) {
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

    private ObjectNode buildComment(long ticketId, ObjectNode in, long authorId, String channel, long now, long auditId) {
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
                "via", via(channel), "created_at", Times.iso(now),
                "metadata", Json.obj("system", Json.obj("client", "camel-zendesk-emulator", "ip_address", "127.0.0.1"),
                        "custom", Json.obj()), "ticket_id", ticketId);
    }

    private void storeComment(long ticketId, ObjectNode comment) {
        long id = comment.get("id").asLong();
        core.db.t(Db.COMMENTS).put(new Entity(id, comment, 0, 0));
        core.db.ticketComments.computeIfAbsent(ticketId, k -> new ArrayList<>()).add(id);
    }

    /** Comments of a ticket (404 when the ticket doesn't exist). */
    public List<ObjectNode> comments(long ticketId) {
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

    // ------------------------------------------------------------------ audits / events

    private ObjectNode recordAudit(long auditId, ObjectNode before, ObjectNode after, ObjectNode comment, long actorId, String channel, long now) {
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
                "via", via(channel), "events", events);
        core.db.t(Db.TICKET_EVENTS).put(new Entity(auditId, audit, now / 1000, now));
        return audit;
    }

    private static ObjectNode meta() {
        return Json.obj("sequence", Json.obj("id", UUID.randomUUID().toString(), "position", 1, "total", 1));
    }

    private void publishTicketEvents(ObjectNode before, ObjectNode after, ObjectNode comment, long actorId) {
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

    private static JsonNode eventValue(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
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
    ObjectNode ticketDetail(ObjectNode tk, long actorId) {
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

    private static boolean sameIgnoringTimes(ObjectNode a, ObjectNode b) {
        return a.equals(b);
    }

    private static String encodedId(long id) {
        return Long.toString(id * 7919 + 100_000, 36).toUpperCase(Locale.ROOT) + "-" + Long.toString(id, 36).toUpperCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ side-loads, idempotency

    /** Arrays to add next to the tickets for ?include=users,groups,organizations. */
    public void sideload(ObjectNode out, Collection<? extends JsonNode> tickets, List<String> include) {
        if (include.isEmpty()) {
            return;
        }
        core.db.read(() -> {
            Set<Long> users = new LinkedHashSet<>();
            Set<Long> groups = new LinkedHashSet<>();
            Set<Long> orgs = new LinkedHashSet<>();
            for (JsonNode t : tickets) {
                for (String f : List.of("requester_id", "submitter_id", "assignee_id", "author_id")) {
                    if (t.hasNonNull(f)) {
                        users.add(t.get(f).asLong());
                    }
                }
                users.addAll(Json.longs(t.get("collaborator_ids")));
                if (t.hasNonNull("group_id")) {
                    groups.add(t.get("group_id").asLong());
                }
                if (t.hasNonNull("organization_id")) {
                    orgs.add(t.get("organization_id").asLong());
                }
            }
            if (include.contains("users")) {
                out.set("users", collect(Db.USERS, users));
            }
            if (include.contains("groups")) {
                out.set("groups", collect(Db.GROUPS, groups));
            }
            if (include.contains("organizations")) {
                out.set("organizations", collect(Db.ORGANIZATIONS, orgs));
            }
            return null;
        });
    }

    private ArrayNode collect(String table, Set<Long> ids) {
        ArrayNode a = Json.arr();
        Table t = core.db.t(table);
        for (Long id : ids) {
            Entity e = t.get(id);
            if (e != null) {
                a.add(e.json);
            }
        }
        return a;
    }

    /**
     * Runs a ticket create under an Idempotency-Key: same key + same body replays the first response
     * (x-idempotency-lookup: hit); same key + other body is a 400.
     */
    public Resp idempotent(String key, String bodyHash, Supplier<Resp> create) {
        return core.db.write(() -> {
            long now = core.now();
            core.db.idempotency.values().removeIf(i -> now - i.createdMillis() > 2 * 3600_000L);
            Db.Idempotent prior = core.db.idempotency.get(key);
            if (prior != null) {
                if (!prior.bodyHash().equals(bodyHash)) {
                    throw ApiError.badRequest("IdempotentRequestError",
                            "The idempotency key was already used with different request parameters");
                }
                return Resp.raw(prior.status(), prior.body(), "application/json; charset=utf-8").header("x-idempotency-lookup", "hit");
            }
            Resp r = create.get();
            core.db.idempotency.put(key, new Db.Idempotent(bodyHash, r.status, r.body, now));
            return r.header("x-idempotency-lookup", "miss");
        });
    }
}
