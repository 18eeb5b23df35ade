package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Predicate;

/**
 * Routes of the Support resources the generic CRUD of {@link Resources} serves: groups, ticket fields, macros, triggers;
 * and the list and show_many that the users and organizations routes share.
 */
final class ResourcesApi {
    private final Core core;

    ResourcesApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        crud(r, Db.GROUPS, "/api/v2/groups", null);
        crud(r, Db.TICKET_FIELDS, "/api/v2/ticket_fields", null);
        crud(r, Db.MACROS, "/api/v2/macros", null);
        r.get("/api/v2/macros/active", req -> list(req, Db.MACROS, o -> o.path("active").asBoolean(true)));
        r.get("/api/v2/macros/{id}/apply", req -> Resp.ok(core.macros.applyWithoutTicket(req.id("id"), req.actorId)));
        crud(r, Db.TRIGGERS, "/api/v2/triggers", null);
        r.get("/api/v2/triggers/active", req -> list(req, Db.TRIGGERS, o -> o.path("active").asBoolean(true)));
    }

    private void crud(Router r, String table, String base, Predicate<ObjectNode> listFilter) {
        Spec spec = core.resources.spec(table);
        r.get(base, req -> list(req, table, listFilter));
        r.post(base, req -> Resp.created(Json.obj(spec.singular, core.resources.create(table, req.envelope(spec.singular), req.actorId))));
        r.get(base + "/show_many", req -> showMany(req, table));
        r.get(base + "/{id}", req -> Resp.ok(Json.obj(spec.singular, core.resources.get(table, req.id("id")))));
        r.put(base + "/{id}", req -> Resp.ok(Json.obj(spec.singular, core.resources.update(table, req.id("id"), req.envelope(spec.singular), req.actorId))));
        r.delete(base + "/{id}", req -> {
            core.resources.delete(table, req.id("id"));
            return Resp.noContent();
        });
    }

    Resp list(Req req, String table, Predicate<ObjectNode> filter) {
        Spec spec = core.resources.spec(table);
        List<Entity> rows = core.resources.list(table, filter);
        return Resp.ok(Paging.page(req, spec.plural, rows, e -> e.id, e -> e.json, core.baseUrl, 100, 100));
    }

    Resp showMany(Req req, String table) {
        List<Long> ids = req.ids("ids");
        ArrayNode arr = Json.arr();
        core.resources.byIds(table, ids).forEach(e -> arr.add(e.json));
        return Resp.ok(Json.obj(core.resources.spec(table).plural, arr));
    }
}
