package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Routes of the Tags API: the tags of tickets, users and organizations; tag counts and autocomplete. */
final class TagsApi {
    private final Core core;

    TagsApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        for (String res : List.of("tickets", "users", "organizations")) {
            String base = "/api/v2/" + res + "/{id}/tags";
            r.get(base, req -> Resp.ok(Json.obj("tags", tagsOf(res, req.id("id")))));
            r.post(base, req -> Resp.created(Json.obj("tags", changeTags(res, req, "set"))));
            r.put(base, req -> Resp.ok(Json.obj("tags", changeTags(res, req, "add"))));
            r.delete(base, req -> {
                changeTags(res, req, "remove");
                return Resp.noContent();
            });
        }
        r.get("/api/v2/tags", req -> {
            List<Map.Entry<String, Integer>> counts = tagCounts();
            List<long[]> idx = new ArrayList<>();
            for (int i = 0; i < counts.size(); i++) {
                idx.add(new long[]{i + 1});
            }
            return Resp.ok(Paging.page(req, "tags", idx, a -> a[0], a -> {
                Map.Entry<String, Integer> e = counts.get((int) a[0] - 1);
                return Json.obj("name", e.getKey(), "count", e.getValue());
            }, core.baseUrl, 100, 100));
        });
        r.get("/api/v2/tags/count", req -> Resp.ok(Json.obj("count", Json.obj("value", tagCounts().size(), "refreshed_at", Times.iso(core.now())))));
        r.get("/api/v2/autocomplete/tags", req -> {
            String prefix = String.valueOf(req.q("name")).toLowerCase();
            ArrayNode names = Json.arr();
            tagCounts().stream().map(Map.Entry::getKey).filter(t -> t.startsWith(prefix)).limit(100).forEach(names::add);
            return Resp.ok(Json.obj("tags", names));
        });
    }

    private String tableOf(String res) {
        return switch (res) {
            case "tickets" -> Db.TICKETS;
            case "users" -> Db.USERS;
            default -> Db.ORGANIZATIONS;
        };
    }

    private JsonNode tagsOf(String res, long id) {
        ObjectNode o = res.equals("tickets") ? core.tickets.get(id) : core.resources.get(tableOf(res), id);
        return o.get("tags");
    }

    private JsonNode changeTags(String res, Req req, String mode) {
        long id = req.id("id");
        JsonNode given = req.json().get("tags");
        if (given == null) {
            throw ApiError.badRequest("InvalidParameter", "Parameter tags is required");
        }
        List<String> tags = Json.strings(given);
        if (res.equals("tickets")) {
            ObjectNode in = Json.obj();
            switch (mode) {
                case "set" -> in.set("tags", Json.stringArray(tags));
                case "add" -> in.set("additional_tags", Json.stringArray(tags));
                default -> in.set("remove_tags", Json.stringArray(tags));
            }
            if (req.json().has("updated_stamp")) {
                in.put("safe_update", true);
                in.set("updated_stamp", req.json().get("updated_stamp"));
            }
            return core.tickets.update(id, in, req.actorId, "api").ticket().get("tags");
        }
        String table = tableOf(res);
        Set<String> current = new LinkedHashSet<>(Json.strings(core.resources.get(table, id).get("tags")));
        Set<String> norm = Json.normalizeTags(tags);
        switch (mode) {
            case "set" -> current = norm;
            case "add" -> current.addAll(norm);
            default -> current.removeAll(norm);
        }
        return core.resources.update(table, id, Json.obj("tags", Json.stringArray(current)), req.actorId).get("tags");
    }

    private List<Map.Entry<String, Integer>> tagCounts() {
        return core.db.read(() -> {
            Map<String, Integer> counts = new TreeMap<>();
            for (String table : List.of(Db.TICKETS, Db.USERS, Db.ORGANIZATIONS)) {
                for (Entity e : core.db.t(table).all()) {
                    if (!e.deleted) {
                        for (JsonNode t : e.json.path("tags")) {
                            counts.merge(t.asText(), 1, Integer::sum);
                        }
                    }
                }
            }
            List<Map.Entry<String, Integer>> out = new ArrayList<>(counts.entrySet());
            out.sort((a, b) -> b.getValue() - a.getValue() != 0 ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey()));
            return out;
        });
    }
}
