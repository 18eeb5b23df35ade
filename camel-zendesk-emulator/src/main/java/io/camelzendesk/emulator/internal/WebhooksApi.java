package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelzendesk.emulator.WebhookDelivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes of the Webhooks API. */
final class WebhooksApi {
    private final Core core;

    WebhooksApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        r.post("/api/v2/webhooks", req -> Resp.created(Json.obj("webhook", core.webhooks.create(req.envelope("webhook"), req.actorId))));
        r.get("/api/v2/webhooks", req -> {
            List<ObjectNode> all = core.webhooks.list(req.q("filter[name_contains]"), req.q("filter[status]"));
            // webhook ids are strings: position in the list stands in for the cursor id
            java.util.List<long[]> idx = new java.util.ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                idx.add(new long[]{i + 1});
            }
            ObjectNode out = Paging.page(withCursorDefault(req), "webhooks", idx, a -> a[0], a -> all.get((int) a[0] - 1), core.baseUrl, 100, 100);
            return Resp.ok(out);
        });
        r.get("/api/v2/webhooks/{id}", req -> Resp.ok(Json.obj("webhook", core.webhooks.get(req.params.get("id")))));
        r.put("/api/v2/webhooks/{id}", req -> {
            core.webhooks.update(req.params.get("id"), req.envelope("webhook"), false, req.actorId);
            return Resp.noContent();
        });
        r.patch("/api/v2/webhooks/{id}", req -> {
            core.webhooks.update(req.params.get("id"), req.envelope("webhook"), true, req.actorId);
            return Resp.noContent();
        });
        r.delete("/api/v2/webhooks/{id}", req -> {
            core.webhooks.delete(req.params.get("id"));
            return Resp.noContent();
        });
        r.get("/api/v2/webhooks/{id}/signing_secret", req -> Resp.ok(core.webhooks.secret(req.params.get("id"), false)));
        r.post("/api/v2/webhooks/{id}/signing_secret", req -> Resp.created(core.webhooks.secret(req.params.get("id"), true)));
        r.get("/api/v2/webhooks/{id}/invocations", req -> {
            String id = req.params.get("id");
            core.webhooks.get(id);
            Map<String, ObjectNode> inv = new LinkedHashMap<>();
            for (WebhookDelivery d : core.webhooks.deliveries()) {
                if (!d.webhookId().equals(id)) {
                    continue;
                }
                ObjectNode o = inv.computeIfAbsent(d.invocationId(), k -> Json.obj("id", k, "created_at", d.at().toString()));
                o.put("latest_completed_at", d.at().toString());
                o.put("status", d.succeeded() ? "success" : "failed");
                o.put("latest_status_code", d.status());
                o.put("attempts", d.attempt());
            }
            ArrayNode a = Json.arr();
            inv.values().forEach(a::add);
            return Resp.ok(Json.obj("invocations", a, "meta", Json.obj("has_more", false, "after_cursor", null, "before_cursor", null),
                    "links", Json.obj("next", null, "prev", null)));
        });
    }

    /** The Webhooks API only paginates with cursors. */
    private static Req withCursorDefault(Req req) {
        if (Paging.isCursor(req)) {
            return req;
        }
        String q = (req.rawQuery == null || req.rawQuery.isEmpty() ? "" : req.rawQuery + "&") + "page%5Bsize%5D=100";
        Req copy = new Req(req.method, req.rawPath, q, req.headers, req.body);
        copy.actorId = req.actorId;
        return copy;
    }
}
