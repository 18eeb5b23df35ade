package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Routes of the Support API: tickets, users, organizations, groups, fields, macros, triggers, tags, uploads, jobs, search. */
final class SupportApi {
    private static final int MAX_BULK = 100;
    private final Core core;

    SupportApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        tickets(r);
        users(r);
        organizations(r);
        crud(r, Db.GROUPS, "/api/v2/groups", null);
        crud(r, Db.TICKET_FIELDS, "/api/v2/ticket_fields", null);
        crud(r, Db.MACROS, "/api/v2/macros", null);
        r.get("/api/v2/macros/active", req -> list(req, Db.MACROS, o -> o.path("active").asBoolean(true)));
        r.get("/api/v2/macros/{id}/apply", req -> Resp.ok(core.macros.applyWithoutTicket(req.id("id"), req.actorId)));
        crud(r, Db.TRIGGERS, "/api/v2/triggers", null);
        r.get("/api/v2/triggers/active", req -> list(req, Db.TRIGGERS, o -> o.path("active").asBoolean(true)));
        tags(r);
        uploads(r);
        jobs(r);
        search(r);
    }

    // ------------------------------------------------------------------ generic CRUD

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

    private Resp showMany(Req req, String table) {
        List<Long> ids = ids(req, "ids");
        ArrayNode arr = Json.arr();
        core.resources.byIds(table, ids).forEach(e -> arr.add(e.json));
        return Resp.ok(Json.obj(core.resources.spec(table).plural, arr));
    }

    static List<Long> ids(Req req, String param) {
        List<Long> out = new ArrayList<>();
        for (String s : req.csv(param)) {
            try {
                out.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("InvalidValue", "Invalid id: " + s);
            }
        }
        return out;
    }

    private static void checkBulk(int n) {
        if (n > MAX_BULK) {
            throw ApiError.badRequest("TooManyValues", "Too many values specified: " + n + " (at most " + MAX_BULK + " are allowed)");
        }
        if (n == 0) {
            throw ApiError.badRequest("InvalidValue", "No items specified");
        }
    }

    private static List<ObjectNode> items(Req req, String plural) {
        JsonNode arr = req.json().get(plural);
        if (arr == null || !arr.isArray()) {
            throw ApiError.badRequest("InvalidParameter", "Parameter " + plural + " is required and must be an array");
        }
        List<ObjectNode> out = new ArrayList<>();
        arr.forEach(n -> {
            if (!n.isObject()) {
                throw ApiError.badRequest("InvalidParameter", plural + " must contain objects");
            }
            out.add((ObjectNode) n);
        });
        checkBulk(out.size());
        return out;
    }

    private Resp job(String type, List<JobService.Task> tasks) {
        return Resp.ok(Json.obj("job_status", core.jobs.submit(type, tasks)));
    }

    // ------------------------------------------------------------------ tickets

    private void tickets(Router r) {
        r.get("/api/v2/tickets", req -> ticketList(req, null));
        r.get("/api/v2/tickets/count", req -> Resp.ok(Json.obj("count", Json.obj("value",
                core.resources.list(Db.TICKETS, null).size(), "refreshed_at", Times.iso(core.now())))));
        r.post("/api/v2/tickets", this::createTicket);
        r.get("/api/v2/tickets/show_many", req -> {
            ArrayNode arr = Json.arr();
            core.resources.byIds(Db.TICKETS, ids(req, "ids")).forEach(e -> arr.add(e.json));
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
        r.post("/api/v2/tickets/create_many", req -> {
            List<JobService.Task> tasks = new ArrayList<>();
            long actor = req.actorId;
            for (ObjectNode t : items(req, "tickets")) {
                tasks.add(new JobService.Task("create", () -> Json.obj("id", core.tickets.create(t, actor, "api").ticket().get("id").asLong())));
            }
            return job("bulk_create_job", tasks);
        });
        r.put("/api/v2/tickets/update_many", req -> {
            List<JobService.Task> tasks = new ArrayList<>();
            long actor = req.actorId;
            List<Long> ids = ids(req, "ids");
            if (!ids.isEmpty()) {
                checkBulk(ids.size());
                ObjectNode changes = req.envelope("ticket");
                for (Long id : ids) {
                    tasks.add(new JobService.Task("update", () -> Json.obj("id", core.tickets.update(id, changes, actor, "api").ticket().get("id").asLong())));
                }
            } else {
                for (ObjectNode t : items(req, "tickets")) {
                    Long id = Json.longOrNull(t, "id");
                    tasks.add(new JobService.Task("update", () -> {
                        if (id == null) {
                            throw ApiError.notFound();
                        }
                        return Json.obj("id", core.tickets.update(id, t, actor, "api").ticket().get("id").asLong());
                    }));
                }
            }
            return job("bulk_update_job", tasks);
        });
        r.delete("/api/v2/tickets/destroy_many", req -> {
            List<Long> ids = ids(req, "ids");
            checkBulk(ids.size());
            long actor = req.actorId;
            List<JobService.Task> tasks = new ArrayList<>();
            for (Long id : ids) {
                tasks.add(new JobService.Task("delete", () -> {
                    core.tickets.delete(id, actor);
                    return Json.obj("id", id);
                }));
            }
            return job("bulk_delete_job", tasks);
        });
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
        return core.tickets.idempotent(key, sha256(req.body), () -> Resp.created(core.tickets.create(in, req.actorId, "api").body()));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ users

    private void users(Router r) {
        r.get("/api/v2/users", req -> {
            Set<String> roles = new LinkedHashSet<>(req.csv("role"));
            List<String> multi = req.query.get("role[]");
            if (multi != null) {
                roles.addAll(multi);
            }
            return list(req, Db.USERS, roles.isEmpty() ? null : u -> roles.contains(Json.text(u, "role")));
        });
        r.get("/api/v2/users/me", req -> Resp.ok(Json.obj("user", core.resources.get(Db.USERS, req.actorId))));
        r.get("/api/v2/users/search", req -> {
            String q = req.q("query");
            String ext = req.q("external_id");
            return list(req, Db.USERS, u -> ext != null ? ext.equals(Json.text(u, "external_id"))
                    : q != null && (q.equalsIgnoreCase(Json.text(u, "email"))
                    || String.valueOf(Json.text(u, "name")).toLowerCase().contains(q.toLowerCase())));
        });
        r.post("/api/v2/users", req -> Resp.created(Json.obj("user", core.resources.create(Db.USERS, req.envelope("user"), req.actorId))));
        r.get("/api/v2/users/show_many", req -> showMany(req, Db.USERS));
        r.get("/api/v2/users/{id}", req -> Resp.ok(Json.obj("user", core.resources.get(Db.USERS, req.id("id")))));
        r.put("/api/v2/users/{id}", req -> Resp.ok(Json.obj("user", core.resources.update(Db.USERS, req.id("id"), req.envelope("user"), req.actorId))));
        r.delete("/api/v2/users/{id}", req -> Resp.ok(Json.obj("user", core.resources.delete(Db.USERS, req.id("id")))));
        r.post("/api/v2/users/create_or_update", req -> {
            Object[] res = upsertUser(req.envelope("user"), req.actorId);
            return Resp.json((Boolean) res[1] ? 201 : 200, Json.obj("user", (ObjectNode) res[0]));
        });
        r.post("/api/v2/users/create_many", req -> {
            List<JobService.Task> tasks = new ArrayList<>();
            long actor = req.actorId;
            for (ObjectNode u : items(req, "users")) {
                tasks.add(new JobService.Task("create", () -> {
                    ObjectNode c = core.resources.create(Db.USERS, u, actor);
                    return Json.obj("id", c.get("id").asLong(), "email", Json.text(c, "email"), "status", "Created");
                }));
            }
            return job("bulk_create_job", tasks);
        });
        r.post("/api/v2/users/create_or_update_many", req -> {
            List<JobService.Task> tasks = new ArrayList<>();
            long actor = req.actorId;
            for (ObjectNode u : items(req, "users")) {
                tasks.add(new JobService.Task("create_or_update", () -> {
                    Object[] res = upsertUser(u, actor);
                    ObjectNode c = (ObjectNode) res[0];
                    return Json.obj("id", c.get("id").asLong(), "email", Json.text(c, "email"),
                            "status", (Boolean) res[1] ? "Created" : "Updated", "action", (Boolean) res[1] ? "create" : "update");
                }));
            }
            return job("bulk_create_or_update_job", tasks);
        });
        r.put("/api/v2/users/update_many", req -> bulkUpdate(req, Db.USERS, "user", "users"));
        r.delete("/api/v2/users/destroy_many", req -> bulkDelete(req, Db.USERS));
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

    private Resp bulkUpdate(Req req, String table, String singular, String plural) {
        List<JobService.Task> tasks = new ArrayList<>();
        long actor = req.actorId;
        List<Long> ids = ids(req, "ids");
        if (!ids.isEmpty()) {
            checkBulk(ids.size());
            ObjectNode changes = req.envelope(singular);
            for (Long id : ids) {
                tasks.add(new JobService.Task("update", () -> Json.obj("id", core.resources.update(table, id, changes, actor).get("id").asLong())));
            }
        } else {
            for (ObjectNode o : items(req, plural)) {
                Long id = Json.longOrNull(o, "id");
                tasks.add(new JobService.Task("update", () -> {
                    if (id == null) {
                        throw ApiError.notFound();
                    }
                    return Json.obj("id", core.resources.update(table, id, o, actor).get("id").asLong());
                }));
            }
        }
        return job("bulk_update_job", tasks);
    }

    private Resp bulkDelete(Req req, String table) {
        List<Long> ids = ids(req, "ids");
        checkBulk(ids.size());
        List<JobService.Task> tasks = new ArrayList<>();
        for (Long id : ids) {
            tasks.add(new JobService.Task("delete", () -> {
                core.resources.delete(table, id);
                return Json.obj("id", id);
            }));
        }
        return job("bulk_delete_job", tasks);
    }

    // ------------------------------------------------------------------ organizations

    private void organizations(Router r) {
        r.get("/api/v2/organizations", req -> list(req, Db.ORGANIZATIONS, null));
        r.get("/api/v2/organizations/search", req -> {
            String ext = req.q("external_id");
            String name = req.q("name");
            return list(req, Db.ORGANIZATIONS, o -> ext != null ? ext.equals(Json.text(o, "external_id"))
                    : name != null && name.equalsIgnoreCase(Json.text(o, "name")));
        });
        r.get("/api/v2/organizations/autocomplete", req -> {
            String name = String.valueOf(req.q("name")).toLowerCase();
            return list(req, Db.ORGANIZATIONS, o -> String.valueOf(Json.text(o, "name")).toLowerCase().startsWith(name));
        });
        r.post("/api/v2/organizations", req -> Resp.created(Json.obj("organization",
                core.resources.create(Db.ORGANIZATIONS, req.envelope("organization"), req.actorId))));
        r.get("/api/v2/organizations/show_many", req -> showMany(req, Db.ORGANIZATIONS));
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
        r.post("/api/v2/organizations/create_many", req -> {
            List<JobService.Task> tasks = new ArrayList<>();
            long actor = req.actorId;
            for (ObjectNode o : items(req, "organizations")) {
                tasks.add(new JobService.Task("create", () -> Json.obj("id", core.resources.create(Db.ORGANIZATIONS, o, actor).get("id").asLong())));
            }
            return job("bulk_create_job", tasks);
        });
        r.put("/api/v2/organizations/update_many", req -> bulkUpdate(req, Db.ORGANIZATIONS, "organization", "organizations"));
        r.delete("/api/v2/organizations/destroy_many", req -> bulkDelete(req, Db.ORGANIZATIONS));
    }

    // ------------------------------------------------------------------ tags

    private void tags(Router r) {
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

    // ------------------------------------------------------------------ uploads

    private void uploads(Router r) {
        r.post("/api/v2/uploads", req -> {
            String filename = req.q("filename");
            if (filename == null || filename.isBlank()) {
                throw ApiError.badRequest("InvalidValue", "filename is required");
            }
            String existing = req.q("token");
            String contentType = req.header("Content-Type") == null ? "application/binary" : req.header("Content-Type");
            return core.db.write(() -> {
                String token = existing;
                if (token == null || !core.db.uploads.containsKey(token)) {
                    token = Long.toString(Math.abs(java.util.UUID.randomUUID().getMostSignificantBits()), 36);
                    core.db.uploads.put(token, new ArrayList<>());
                }
                long aid = core.db.t(Db.ATTACHMENTS).nextId();
                String contentUrl = core.url("/attachments/download/" + aid + "/" + Paging.enc(filename));
                ObjectNode att = Json.obj("id", aid, "url", core.url("/api/v2/attachments/" + aid + ".json"), "file_name", filename,
                        "content_url", contentUrl, "mapped_content_url", contentUrl, "content_type", contentType.split(";")[0].trim(),
                        "size", req.body.length, "width", null, "height", null, "inline", false, "deleted", false,
                        "malware_access_override", false, "malware_scan_result", "malware_not_found", "thumbnails", Json.arr());
                core.db.t(Db.ATTACHMENTS).put(new Entity(aid, att, 0, core.now()));
                core.db.attachmentBytes.put(aid, req.body);
                core.db.uploads.get(token).add(aid);
                ArrayNode all = Json.arr();
                for (Long id : core.db.uploads.get(token)) {
                    all.add(core.db.t(Db.ATTACHMENTS).get(id).json);
                }
                return Resp.created(Json.obj("upload", Json.obj("token", token,
                        "expires_at", Times.iso(core.now() + 3 * 86_400_000L), "attachments", all, "attachment", att)));
            });
        });
        r.delete("/api/v2/uploads/{token}", req -> core.db.write(() -> {
            if (core.db.uploads.remove(req.params.get("token")) == null) {
                throw ApiError.notFound();
            }
            return Resp.noContent();
        }));
        r.get("/api/v2/attachments/{id}", req -> core.db.read(() -> {
            Entity a = core.db.t(Db.ATTACHMENTS).get(req.id("id"));
            if (a == null) {
                throw ApiError.notFound();
            }
            return Resp.ok(Json.obj("attachment", a.json));
        }));
    }

    /** Attachment bytes (no auth, like Zendesk's signed content URLs). */
    Resp download(long id) {
        return core.db.read(() -> {
            Entity a = core.db.t(Db.ATTACHMENTS).get(id);
            byte[] b = core.db.attachmentBytes.get(id);
            if (a == null || b == null) {
                throw ApiError.notFound();
            }
            return Resp.raw(200, b, Json.text(a.json, "content_type"));
        });
    }

    // ------------------------------------------------------------------ jobs

    private void jobs(Router r) {
        r.get("/api/v2/job_statuses", req -> {
            List<ObjectNode> all = core.jobs.all();
            ArrayNode a = Json.arr();
            all.forEach(a::add);
            return Resp.ok(Json.obj("job_statuses", a));
        });
        r.get("/api/v2/job_statuses/show_many", req -> {
            ArrayNode a = Json.arr();
            for (String id : req.csv("ids")) {
                ObjectNode j = core.jobs.get(id);
                if (j != null) {
                    a.add(j);
                }
            }
            return Resp.ok(Json.obj("job_statuses", a));
        });
        r.get("/api/v2/job_statuses/{id}", req -> {
            ObjectNode j = core.jobs.get(req.params.get("id"));
            if (j == null) {
                throw ApiError.notFound();
            }
            return Resp.ok(Json.obj("job_status", j));
        });
    }

    // ------------------------------------------------------------------ search

    private void search(Router r) {
        r.get("/api/v2/search", req -> {
            String query = req.q("query");
            if (query == null || query.isBlank()) {
                throw ApiError.badRequest("InvalidValue", "query is required");
            }
            int perPage = Math.max(1, Math.min(req.qInt("per_page", 100), 100));
            int page = Math.max(1, req.qInt("page", 1));
            if ((long) page * perPage > 1000) {
                throw ApiError.of(422, "invalid", "Invalid search: Requested response size was greater than Search Response Limits");
            }
            List<SearchService.Hit> hits = core.search.search(query, null, req.q("sort_by"), req.q("sort_order"));
            ObjectNode out = Json.obj();
            ArrayNode results = out.putArray("results");
            int from = Math.min((page - 1) * perPage, hits.size());
            int to = Math.min(from + perPage, hits.size());
            for (int i = from; i < to; i++) {
                results.add(result(hits.get(i)));
            }
            out.putNull("facets");
            out.put("next_page", to < hits.size() && (long) (page + 1) * perPage <= 1000
                    ? Paging.link(req, core.baseUrl, Map.of("page", String.valueOf(page + 1), "per_page", String.valueOf(perPage))) : null);
            out.put("previous_page", page > 1 ? Paging.link(req, core.baseUrl, Map.of("page", String.valueOf(page - 1), "per_page", String.valueOf(perPage))) : null);
            out.put("count", hits.size());
            return Resp.ok(out);
        });
        r.get("/api/v2/search/count", req -> Resp.ok(Json.obj("count", core.search.search(req.q("query"), null, null, null).size())));
        r.get("/api/v2/search/export", req -> {
            String type = req.q("filter[type]");
            if (type == null || !Set.of("ticket", "user", "organization", "group").contains(type)) {
                throw ApiError.badRequest("InvalidValue", "filter[type] is required: one of ticket, user, organization, group");
            }
            int size = req.qInt("page[size]", 100);
            if (size > 1000 || size < 1) {
                throw ApiError.badRequest("InvalidPaginationParameter", "page[size] must be between 1 and 1000");
            }
            List<SearchService.Hit> hits = core.search.search(req.q("query"), type, null, null);
            long after = Long.MIN_VALUE;
            String cursor = req.q("page[after]");
            if (cursor != null && !cursor.isEmpty()) {
                after = Cursors.decode(cursor, Cursors.SEARCH_EXPORT).id();
            }
            ObjectNode out = Json.obj();
            ArrayNode results = out.putArray("results");
            Long last = null;
            boolean more = false;
            for (SearchService.Hit h : hits) {
                if (h.entity().id <= after) {
                    continue;
                }
                if (results.size() >= size) {
                    more = true;
                    break;
                }
                results.add(result(h));
                last = h.entity().id;
            }
            out.putNull("facets");
            String afterCursor = last == null ? null : Cursors.encode(Cursors.SEARCH_EXPORT, 0, last);
            out.set("meta", Json.obj("has_more", more, "after_cursor", afterCursor, "before_cursor", null));
            out.set("links", Json.obj("next", more ? Paging.link(req, core.baseUrl, Map.of("page[after]", afterCursor, "page[size]", String.valueOf(size))) : null,
                    "prev", null));
            return Resp.ok(out);
        });
    }

    private static ObjectNode result(SearchService.Hit h) {
        ObjectNode o = h.entity().json.deepCopy();
        o.put("result_type", h.type());
        return o;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
