package io.camelzendesk.emulator.internal;

import java.util.ArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Tickets: create/update (with comments, custom fields, tags, triggers, audits, events), soft delete,
 * side-loads. Every change, by an API client or through the admin handle, goes through here; the parts live in
 * {@link TicketFields}, {@link TicketComments}, {@link TicketAudits} and {@link TicketSideloads}.
 */
public final class TicketService {
    public static final List<String> STATUSES = List.of("new", "open", "pending", "hold", "solved", "closed");
    public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    public static final List<String> TYPES = List.of("problem", "incident", "question", "task");

    /** The result of a write: the ticket and the audit that recorded it. */
    public record Change(ObjectNode ticket, ObjectNode audit) {
        public ObjectNode body() {
            return Json.obj("ticket", ticket, "audit", audit);
        }
    }

    private final Core core;
    private final TicketFields fields;
    private final TicketComments comments;
    private final TicketAudits audits;
    private final TicketSideloads sideloads;

    TicketService(Core core) {
        this.core = core;
        this.fields = new TicketFields(core);
        this.comments = new TicketComments(core);
        this.audits = new TicketAudits(core);
        this.sideloads = new TicketSideloads(core);
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
            ObjectNode commentIn = TicketComments.input(in, true);
            if (commentIn == null) {
                inv.add("description", "BlankValue", "Description: cannot be blank");
            }
            boolean statusGiven = in.hasNonNull("status");
            fields.resolveRequester(in, tk, actorId, inv);
            fields.apply(tk, in, inv, true);
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
            fields.autoAssignOnSolve(tk, actorId);
            Long commentAuthor = Json.longOrNull(commentIn, "author_id");
            long authorId = commentAuthor != null ? commentAuthor : actorId;
            boolean isPublic = !commentIn.has("public") || commentIn.get("public").asBoolean(true);
            tk.put("is_public", isPublic);
            List<TriggerEngine.Notification> notes = core.triggers.run(null, tk, true, commentIn, actorId);
            long auditId = core.db.t(Db.TICKET_EVENTS).nextId();
            ObjectNode comment = comments.build(id, commentIn, authorId, channel, now, auditId);
            tk.put("description", comment.get("plain_body").asText());
            t.put(new Entity(id, tk, now / 1000, now));
            comments.store(id, comment);
            ObjectNode audit = audits.record(auditId, null, tk, comment, actorId, channel, now);
            audits.publish(null, tk, comment, actorId);
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
        String channel = tk.path("via").path("channel").asText();
        long auditId = core.db.t(Db.TICKET_EVENTS).nextId();
        ObjectNode firstComment = null;
        List<ObjectNode> later = new ArrayList<>();
        for (LoadComment c : comments) {
            // the first comment is the creation's audit; each later one has its own, as Zendesk records them
            long commentAudit = firstComment == null ? auditId : core.db.t(Db.TICKET_EVENTS).nextId();
            ObjectNode comment = this.comments.build(id, Json.obj("body", c.body(), "public", c.isPublic()), c.authorId(),
                    channel, c.atMillis(), commentAudit);
            this.comments.store(id, comment);
            if (firstComment == null) {
                firstComment = comment;
                tk.put("description", c.body());
                tk.put("is_public", c.isPublic());
            } else {
                later.add(comment);
            }
        }
        t.put(new Entity(id, tk, updatedMillis / 1000, updatedMillis));
        audits.record(auditId, null, tk, firstComment, requester, channel, createdMillis);
        for (int i = 0; i < later.size(); i++) {
            LoadComment c = comments.get(i + 1);
            audits.record(later.get(i).path("audit_id").asLong(), tk, tk, later.get(i), c.authorId(), channel, c.atMillis());
        }
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
            fields.resolveRequester(in, tk, actorId, inv);
            fields.apply(tk, in, inv, false);
            inv.throwIfAny();
            if ("new".equals(Json.text(tk, "status")) && !tk.get("assignee_id").isNull() && !in.hasNonNull("status")) {
                tk.put("status", "open");
            }
            fields.autoAssignOnSolve(tk, actorId);
            ObjectNode commentIn = TicketComments.input(in, false);
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
                comment = comments.build(id, commentIn, commentAuthor != null ? commentAuthor : actorId, channel, now, auditId);
                comments.store(id, comment);
            }
            t.update(e, tk, now / 1000, now);
            ObjectNode audit = audits.record(auditId, before, tk, comment, actorId, channel, now);
            audits.publish(before, tk, comment, actorId);
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
            audits.publishSoftDeleted(tk, actorId);
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

    private static boolean sameIgnoringTimes(ObjectNode a, ObjectNode b) {
        return a.equals(b);
    }

    private static String encodedId(long id) {
        return Long.toString(id * 7919 + 100_000, 36).toUpperCase(Locale.ROOT) + "-" + Long.toString(id, 36).toUpperCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ comments, side-loads

    /** Comments of a ticket (404 when the ticket doesn't exist). */
    public List<ObjectNode> comments(long ticketId) {
        return comments.list(ticketId);
    }

    /** Arrays to add next to the tickets for ?include=users,groups,organizations. */
    public void sideload(ObjectNode out, Collection<? extends JsonNode> tickets, List<String> include) {
        sideloads.sideload(out, tickets, include);
    }
}
