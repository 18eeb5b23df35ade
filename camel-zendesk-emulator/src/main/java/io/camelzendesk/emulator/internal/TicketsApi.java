package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/** Routes of the Tickets API: tickets, their comments and audits, bulk jobs, the tickets of a user, organization or group. */
final class TicketsApi {
    private final Core core;
    private final Bulk bulk;
    private final TicketIdempotency idempotency;

    TicketsApi(Core core) {
        this.core = core;
        this.bulk = new Bulk(core);
        this.idempotency = new TicketIdempotency(core);
    }

    void register(Router r) {
        r.get("/api/v2/tickets", req -> ticketList(req, null));
        r.get("/api/v2/tickets/count", req -> Resp.ok(Json.obj("count", Json.obj("value",
                core.resources.list(Db.TICKETS, null).size(), "refreshed_at", Times.iso(core.now())))));
        r.post("/api/v2/tickets", this::createTicket);
        r.get("/api/v2/tickets/show_many", req -> {
            ArrayNode arr = Json.arr();
            core.resources.byIds(Db.TICKETS, req.ids("ids")).forEach(e -> arr.add(e.json));
            ObjectNode out = Json.obj("tickets", arr);
            core.tickets.sideload(out, toList(arr), req.csv("include"));
            return Resp.ok(out);
        });
        r.get("/api/v2/tickets/{id}", req -> {
            ObjectNode tk = core.tickets.get(req.id("id"));
            ObjectNode out = Json.obj("ticket", tk);
            core.tickets.sideload(out, List.of(tk), req.csv("include"));
            return Resp.ok(out);
        });
        r.put("/api/v2/tickets/{id}", req -> Resp.ok(core.tickets.update(req.id("id"), req.envelope("ticket"), req.actorId, "api").body()));
        r.delete("/api/v2/tickets/{id}", req -> {
            core.tickets.delete(req.id("id"), req.actorId);
            return Resp.noContent();
        });
        r.get("/api/v2/tickets/{id}/comments", req -> {
            List<ObjectNode> comments = core.tickets.comments(req.id("id"));
            ObjectNode out = Paging.page(req, "comments", comments, c -> c.get("id").asLong(), c -> c, core.baseUrl, 100, 100);
            if (req.csv("include").contains("users")) {
                core.tickets.sideload(out, comments, List.of("users"));
            }
            return Resp.ok(out);
        });
        r.get("/api/v2/tickets/{id}/audits", req -> {
            long id = req.id("id");
            core.tickets.get(id);
            List<Entity> audits = core.db.read(() -> core.db.t(Db.TICKET_EVENTS).liveList(a -> a.get("ticket_id").asLong() == id));
            return Resp.ok(Paging.page(req, "audits", audits, e -> e.id, e -> e.json, core.baseUrl, 100, 100));
        });
        r.get("/api/v2/tickets/{id}/macros/{macro_id}/apply", req -> Resp.ok(core.macros.applyPreview(req.id("id"), req.id("macro_id"), req.actorId)));
        r.post("/api/v2/tickets/create_many", req -> bulk.perItem(req, "tickets", "create", "bulk_create_job",
                (t, actor) -> Json.obj("id", core.tickets.create(t, actor, "api").ticket().get("id").asLong())));
        r.put("/api/v2/tickets/update_many", req -> bulk.update(req, "ticket", "tickets",
                (id, changes, actor) -> core.tickets.update(id, changes, actor, "api").ticket()));
        r.delete("/api/v2/tickets/destroy_many", req -> bulk.delete(req, core.tickets::delete));
        r.get("/api/v2/users/{id}/tickets/requested", req -> ticketList(req, t -> t.path("requester_id").asLong() == req.id("id")));
        r.get("/api/v2/users/{id}/tickets/assigned", req -> ticketList(req, t -> t.path("assignee_id").asLong() == req.id("id")));
        r.get("/api/v2/users/{id}/tickets/ccd", req -> ticketList(req, t -> Json.longs(t.get("collaborator_ids")).contains(req.id("id"))));
        r.get("/api/v2/organizations/{id}/tickets", req -> ticketList(req, t -> t.path("organization_id").asLong() == req.id("id")));
        r.get("/api/v2/groups/{id}/tickets", req -> ticketList(req, t -> t.path("group_id").asLong() == req.id("id")));
    }

    private static List<JsonNode> toList(ArrayNode a) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    private Resp ticketList(Req req, Predicate<ObjectNode> filter) {
        List<Entity> rows = core.resources.list(Db.TICKETS, filter);
        ObjectNode out = Paging.page(req, "tickets", rows, e -> e.id, e -> e.json, core.baseUrl, 100, 100);
        core.tickets.sideload(out, toList((ArrayNode) out.get("tickets")), req.csv("include"));
        return Resp.ok(out);
    }

    private Resp createTicket(Req req) {
        ObjectNode in = req.envelope("ticket");
        String key = req.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            return Resp.created(core.tickets.create(in, req.actorId, "api").body());
        }
        if (key.length() > 255) {
            throw ApiError.badRequest("InvalidValue", "Idempotency-Key must be at most 255 characters");
        }
        return idempotency.run(key, sha256(req.body), () -> Resp.created(core.tickets.create(in, req.actorId, "api").body()));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
