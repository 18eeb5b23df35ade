package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Routes of the Users API. */
final class UsersApi {
    private final Core core;
    private final ResourcesApi crud;
    private final Bulk bulk;

    UsersApi(Core core) {
        this.core = core;
        this.crud = new ResourcesApi(core);
        this.bulk = new Bulk(core);
    }

    void register(Router r) {
        r.get("/api/v2/users", req -> {
            Set<String> roles = new LinkedHashSet<>(req.csv("role"));
            List<String> multi = req.query.get("role[]");
            if (multi != null) {
                roles.addAll(multi);
            }
            return crud.list(req, Db.USERS, roles.isEmpty() ? null : u -> roles.contains(Json.text(u, "role")));
        });
        r.get("/api/v2/users/me", req -> Resp.ok(Json.obj("user", core.resources.get(Db.USERS, req.actorId))));
        r.get("/api/v2/users/search", req -> {
            String q = req.q("query");
            String ext = req.q("external_id");
            return crud.list(req, Db.USERS, u -> ext != null ? ext.equals(Json.text(u, "external_id"))
                    : q != null && (q.equalsIgnoreCase(Json.text(u, "email"))
                    || String.valueOf(Json.text(u, "name")).toLowerCase().contains(q.toLowerCase())));
        });
        r.post("/api/v2/users", req -> Resp.created(Json.obj("user", core.resources.create(Db.USERS, req.envelope("user"), req.actorId))));
        r.get("/api/v2/users/show_many", req -> crud.showMany(req, Db.USERS));
        r.get("/api/v2/users/{id}", req -> Resp.ok(Json.obj("user", core.resources.get(Db.USERS, req.id("id")))));
        r.put("/api/v2/users/{id}", req -> Resp.ok(Json.obj("user", core.resources.update(Db.USERS, req.id("id"), req.envelope("user"), req.actorId))));
        r.delete("/api/v2/users/{id}", req -> Resp.ok(Json.obj("user", core.resources.delete(Db.USERS, req.id("id")))));
        r.post("/api/v2/users/create_or_update", req -> {
            Object[] res = upsertUser(req.envelope("user"), req.actorId);
            return Resp.json((Boolean) res[1] ? 201 : 200, Json.obj("user", (ObjectNode) res[0]));
        });
        r.post("/api/v2/users/create_many", req -> bulk.perItem(req, "users", "create", "bulk_create_job", (u, actor) -> {
            ObjectNode c = core.resources.create(Db.USERS, u, actor);
            return Json.obj("id", c.get("id").asLong(), "email", Json.text(c, "email"), "status", "Created");
        }));
        r.post("/api/v2/users/create_or_update_many", req -> bulk.perItem(req, "users", "create_or_update", "bulk_create_or_update_job",
                (u, actor) -> {
                    Object[] res = upsertUser(u, actor);
                    ObjectNode c = (ObjectNode) res[0];
                    return Json.obj("id", c.get("id").asLong(), "email", Json.text(c, "email"),
                            "status", (Boolean) res[1] ? "Created" : "Updated", "action", (Boolean) res[1] ? "create" : "update");
                }));
        r.put("/api/v2/users/update_many", req -> bulk.update(req, "user", "users",
                (id, changes, actor) -> core.resources.update(Db.USERS, id, changes, actor)));
        r.delete("/api/v2/users/destroy_many", req -> bulk.delete(req, (id, actor) -> core.resources.delete(Db.USERS, id)));
    }

    private Object[] upsertUser(ObjectNode in, long actor) {
        JsonNode email = in.get("email");
        JsonNode ext = in.get("external_id");
        if ((email == null || email.isNull()) && (ext == null || ext.isNull())) {
            return new Object[]{core.resources.create(Db.USERS, in, actor), true};
        }
        return core.resources.createOrUpdate(Db.USERS, in, actor,
                u -> Resources.sameText(u.get("email"), email) || Resources.sameText(u.get("external_id"), ext));
    }
}
