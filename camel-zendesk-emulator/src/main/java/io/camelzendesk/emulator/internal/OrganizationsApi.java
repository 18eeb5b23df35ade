package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Routes of the Organizations API. */
final class OrganizationsApi {
    private final Core core;
    private final ResourcesApi crud;
    private final Bulk bulk;

    OrganizationsApi(Core core) {
        this.core = core;
        this.crud = new ResourcesApi(core);
        this.bulk = new Bulk(core);
    }

    void register(Router r) {
        r.get("/api/v2/organizations", req -> crud.list(req, Db.ORGANIZATIONS, null));
        r.get("/api/v2/organizations/search", req -> {
            String ext = req.q("external_id");
            String name = req.q("name");
            return crud.list(req, Db.ORGANIZATIONS, o -> ext != null ? ext.equals(Json.text(o, "external_id"))
                    : name != null && name.equalsIgnoreCase(Json.text(o, "name")));
        });
        r.get("/api/v2/organizations/autocomplete", req -> {
            String name = String.valueOf(req.q("name")).toLowerCase();
            return crud.list(req, Db.ORGANIZATIONS, o -> String.valueOf(Json.text(o, "name")).toLowerCase().startsWith(name));
        });
        r.post("/api/v2/organizations", req -> Resp.created(Json.obj("organization",
                core.resources.create(Db.ORGANIZATIONS, req.envelope("organization"), req.actorId))));
        r.get("/api/v2/organizations/show_many", req -> crud.showMany(req, Db.ORGANIZATIONS));
        r.get("/api/v2/organizations/{id}", req -> Resp.ok(Json.obj("organization", core.resources.get(Db.ORGANIZATIONS, req.id("id")))));
        r.put("/api/v2/organizations/{id}", req -> Resp.ok(Json.obj("organization",
                core.resources.update(Db.ORGANIZATIONS, req.id("id"), req.envelope("organization"), req.actorId))));
        r.delete("/api/v2/organizations/{id}", req -> {
            core.resources.delete(Db.ORGANIZATIONS, req.id("id"));
            return Resp.noContent();
        });
        r.post("/api/v2/organizations/create_or_update", req -> {
            ObjectNode in = req.envelope("organization");
            JsonNode id = in.get("id");
            JsonNode ext = in.get("external_id");
            Object[] res = core.resources.createOrUpdate(Db.ORGANIZATIONS, in, req.actorId,
                    o -> (id != null && !id.isNull() && o.get("id").asLong() == id.asLong()) || Resources.sameText(o.get("external_id"), ext));
            return Resp.json((Boolean) res[1] ? 201 : 200, Json.obj("organization", (ObjectNode) res[0]));
        });
        r.post("/api/v2/organizations/create_many", req -> bulk.perItem(req, "organizations", "create", "bulk_create_job",
                (o, actor) -> Json.obj("id", core.resources.create(Db.ORGANIZATIONS, o, actor).get("id").asLong())));
        r.put("/api/v2/organizations/update_many", req -> bulk.update(req, "organization", "organizations",
                (id, changes, actor) -> core.resources.update(Db.ORGANIZATIONS, id, changes, actor)));
        r.delete("/api/v2/organizations/destroy_many", req -> bulk.delete(req, (id, actor) -> core.resources.delete(Db.ORGANIZATIONS, id)));
    }
}
