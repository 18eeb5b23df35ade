package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Routes of the Help Center API: categories, sections, articles, translations, article search. */
final class HelpCenterApi {
    private static final String HC = "/api/v2/help_center";
    private final Core core;

    HelpCenterApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        simple(r, Db.CATEGORIES, HC + "/categories");
        simple(r, Db.SECTIONS, HC + "/sections");
        r.get(HC + "/categories/{id}/sections", req -> {
            long cid = req.id("id");
            core.resources.get(Db.CATEGORIES, cid);
            return list(req, Db.SECTIONS, s -> s.path("category_id").asLong() == cid);
        });
        r.post(HC + "/categories/{id}/sections", req -> {
            long cid = req.id("id");
            core.resources.get(Db.CATEGORIES, cid);
            ObjectNode in = req.envelope("section").deepCopy();
            in.put("category_id", cid);
            localize(req, in);
            return Resp.created(Json.obj("section", core.resources.create(Db.SECTIONS, in, req.actorId)));
        });
        r.get(HC + "/articles", req -> list(req, Db.ARTICLES, labelFilter(req)));
        r.get(HC + "/articles/search", this::searchArticles);
        r.get(HC + "/sections/{id}/articles", req -> {
            long sid = req.id("id");
            core.resources.get(Db.SECTIONS, sid);
            return list(req, Db.ARTICLES, a -> a.path("section_id").asLong() == sid);
        });
        r.get(HC + "/categories/{id}/articles", req -> {
            long cid = req.id("id");
            core.resources.get(Db.CATEGORIES, cid);
            List<Long> sections = new ArrayList<>();
            core.resources.list(Db.SECTIONS, s -> s.path("category_id").asLong() == cid).forEach(e -> sections.add(e.id));
            return list(req, Db.ARTICLES, a -> sections.contains(a.path("section_id").asLong()));
        });
        r.post(HC + "/sections/{id}/articles", req -> {
            long sid = req.id("id");
            core.resources.get(Db.SECTIONS, sid);
            ObjectNode in = req.envelope("article").deepCopy();
            in.put("section_id", sid);
            localize(req, in);
            return Resp.created(Json.obj("article", core.resources.create(Db.ARTICLES, in, req.actorId)));
        });
        r.get(HC + "/articles/{id}", req -> Resp.ok(Json.obj("article", core.resources.get(Db.ARTICLES, req.id("id")))));
        r.put(HC + "/articles/{id}", req -> {
            ObjectNode in = req.envelope("article").deepCopy();
            // title and body belong to translations; Update Article only changes metadata
            in.remove("title");
            in.remove("body");
            in.remove("name");
            in.remove("locale");
            return Resp.ok(Json.obj("article", core.resources.update(Db.ARTICLES, req.id("id"), in, req.actorId)));
        });
        r.delete(HC + "/articles/{id}", req -> {
            core.resources.delete(Db.ARTICLES, req.id("id"));
            return Resp.noContent();
        });
        r.get(HC + "/articles/{id}/translations", req -> {
            long id = req.id("id");
            ObjectNode a = core.resources.get(Db.ARTICLES, id);
            ArrayNode arr = Json.arr();
            arr.add(sourceTranslation(a));
            core.db.read(() -> {
                core.db.translations.getOrDefault(id, Map.of()).values().forEach(arr::add);
                return null;
            });
            return Resp.ok(Json.obj("translations", arr));
        });
        r.get(HC + "/articles/{id}/translations/{locale}", req -> Resp.ok(Json.obj("translation", translation(req.id("id"), locale(req)))));
        r.post(HC + "/articles/{id}/translations", req -> {
            long id = req.id("id");
            ObjectNode in = req.envelope("translation");
            String loc = String.valueOf(Json.text(in, "locale")).toLowerCase(Locale.ROOT);
            return core.db.write(() -> {
                ObjectNode a = core.resources.get(Db.ARTICLES, id);
                if (loc.equals(Json.text(a, "source_locale")) || core.db.translations.getOrDefault(id, Map.of()).containsKey(loc)) {
                    throw ApiError.invalid("locale", "DuplicateValue", "Locale: translation already exists");
                }
                if (Json.text(in, "title") == null) {
                    throw ApiError.invalid("title", "BlankValue", "Title: cannot be blank");
                }
                long now = core.now();
                ObjectNode t = Json.obj("id", id * 100 + core.db.translations.getOrDefault(id, Map.of()).size() + 1,
                        "url", core.url(HC + "/articles/" + id + "/translations/" + loc + ".json"),
                        "html_url", core.url("/hc/" + loc + "/articles/" + id), "source_id", id, "source_type", "Article",
                        "locale", loc, "title", Json.text(in, "title"), "body", Json.text(in, "body"),
                        "outdated", false, "draft", in.path("draft").asBoolean(false), "hidden", false,
                        "created_at", Times.iso(now), "updated_at", Times.iso(now), "updated_by_id", req.actorId, "created_by_id", req.actorId);
                core.db.translations.computeIfAbsent(id, k -> new java.util.LinkedHashMap<>()).put(loc, t);
                touch(id);
                return Resp.created(Json.obj("translation", t));
            });
        });
        r.put(HC + "/articles/{id}/translations/{locale}", req -> {
            long id = req.id("id");
            String loc = locale(req);
            ObjectNode in = req.envelope("translation");
            return core.db.write(() -> {
                ObjectNode a = core.resources.get(Db.ARTICLES, id);
                if (loc.equals(Json.text(a, "source_locale"))) {
                    ObjectNode changes = Json.obj();
                    for (String f : List.of("title", "body", "draft", "outdated")) {
                        if (in.has(f)) {
                            changes.set(f, in.get(f));
                        }
                    }
                    ObjectNode updated = updateArticleContent(id, changes);
                    return Resp.ok(Json.obj("translation", sourceTranslation(updated)));
                }
                ObjectNode t = core.db.translations.getOrDefault(id, Map.of()).get(loc);
                if (t == null) {
                    throw ApiError.notFound();
                }
                ObjectNode copy = t.deepCopy();
                for (String f : List.of("title", "body", "draft", "outdated")) {
                    if (in.has(f)) {
                        copy.set(f, in.get(f));
                    }
                }
                copy.put("updated_at", Times.iso(core.now()));
                copy.put("updated_by_id", req.actorId);
                core.db.translations.get(id).put(loc, copy);
                touch(id);
                return Resp.ok(Json.obj("translation", copy));
            });
        });
        r.get("/api/v2/guide/permission_groups", req -> list(req, Db.PERMISSION_GROUPS, null));
    }

    private void simple(Router r, String table, String base) {
        Spec spec = core.resources.spec(table);
        r.get(base, req -> list(req, table, null));
        r.post(base, req -> {
            ObjectNode in = req.envelope(spec.singular).deepCopy();
            localize(req, in);
            return Resp.created(Json.obj(spec.singular, core.resources.create(table, in, req.actorId)));
        });
        r.get(base + "/{id}", req -> Resp.ok(Json.obj(spec.singular, core.resources.get(table, req.id("id")))));
        r.put(base + "/{id}", req -> Resp.ok(Json.obj(spec.singular, core.resources.update(table, req.id("id"), req.envelope(spec.singular), req.actorId))));
        r.delete(base + "/{id}", req -> {
            core.resources.delete(table, req.id("id"));
            return Resp.noContent();
        });
    }

    private static void localize(Req req, ObjectNode in) {
        if (!in.hasNonNull("locale") && req.helpCenterLocale != null) {
            in.put("locale", req.helpCenterLocale);
        }
        if (in.hasNonNull("locale") && !in.has("source_locale")) {
            in.set("source_locale", in.get("locale"));
        }
    }

    private static String locale(Req req) {
        return req.params.get("locale").toLowerCase(Locale.ROOT);
    }

    private static Predicate<ObjectNode> labelFilter(Req req) {
        List<String> labels = req.csv("label_names");
        if (labels.isEmpty()) {
            return null;
        }
        return a -> Json.strings(a.get("label_names")).stream().anyMatch(labels::contains);
    }

    /** Help Center lists: 30 per page by default; offset responses carry page/per_page/page_count. */
    private Resp list(Req req, String table, Predicate<ObjectNode> filter) {
        Spec spec = core.resources.spec(table);
        List<Entity> rows = core.resources.list(table, filter);
        ObjectNode out = Paging.page(req, spec.plural, rows, e -> e.id, e -> e.json, core.baseUrl, 30, 100);
        if (!Paging.isCursor(req)) {
            int perPage = Math.max(1, Math.min(req.qInt("per_page", 30), 100));
            out.put("page", Math.max(1, req.qInt("page", 1)));
            out.put("per_page", perPage);
            out.put("page_count", (rows.size() + perPage - 1) / perPage);
            out.put("sort_by", "position");
            out.put("sort_order", "asc");
        }
        return Resp.ok(out);
    }

    private ObjectNode translation(long id, String loc) {
        return core.db.read(() -> {
            ObjectNode a = core.resources.get(Db.ARTICLES, id);
            if (loc.equals(Json.text(a, "source_locale"))) {
                return sourceTranslation(a);
            }
            ObjectNode t = core.db.translations.getOrDefault(id, Map.of()).get(loc);
            if (t == null) {
                throw ApiError.notFound();
            }
            return t;
        });
    }

    private ObjectNode sourceTranslation(ObjectNode a) {
        long id = a.get("id").asLong();
        String loc = Json.text(a, "source_locale");
        return Json.obj("id", id * 100, "url", core.url(HC + "/articles/" + id + "/translations/" + loc + ".json"),
                "html_url", a.get("html_url"), "source_id", id, "source_type", "Article", "locale", loc,
                "title", a.get("title"), "body", a.get("body"), "outdated", a.get("outdated"), "draft", a.get("draft"),
                "hidden", false, "created_at", a.get("created_at"), "updated_at", a.get("updated_at"),
                "updated_by_id", a.get("author_id"), "created_by_id", a.get("author_id"));
    }

    /** Title/body changes through the source-locale translation (the only way to change them). */
    private ObjectNode updateArticleContent(long id, ObjectNode changes) {
        Table t = core.db.t(Db.ARTICLES);
        Entity e = t.live(id);
        ObjectNode a = e.json.deepCopy();
        a.setAll(changes);
        if (changes.has("title")) {
            a.set("name", changes.get("title"));
        }
        long now = core.now();
        a.put("updated_at", Times.iso(now));
        a.put("edited_at", Times.iso(now));
        t.update(e, a, now / 1000, now);
        return a;
    }

    private void touch(long id) {
        Table t = core.db.t(Db.ARTICLES);
        Entity e = t.live(id);
        if (e != null) {
            ObjectNode a = e.json.deepCopy();
            long now = core.now();
            a.put("updated_at", Times.iso(now));
            t.update(e, a, now / 1000, now);
        }
    }

    private Resp searchArticles(Req req) {
        String query = req.q("query");
        List<String> labels = req.csv("label_names");
        if ((query == null || query.isBlank()) && labels.isEmpty()) {
            throw ApiError.badRequest("InvalidValue", "query or label_names is required");
        }
        String[] words = query == null ? new String[0] : query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        String section = req.q("section");
        String category = req.q("category");
        List<Entity> hits = core.resources.list(Db.ARTICLES, a -> {
            String hay = (Json.text(a, "title") + " " + Json.text(a, "body")).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!w.isEmpty() && !hay.contains(w)) {
                    return false;
                }
            }
            if (!labels.isEmpty() && Json.strings(a.get("label_names")).stream().noneMatch(labels::contains)) {
                return false;
            }
            if (section != null && !section.equals(Json.text(a, "section_id"))) {
                return false;
            }
            if (category != null) {
                Entity s = core.db.t(Db.SECTIONS).get(a.path("section_id").asLong());
                return s != null && category.equals(Json.text(s.json, "category_id"));
            }
            return true;
        });
        int perPage = Math.max(1, Math.min(req.qInt("per_page", 25), 100));
        int page = Math.max(1, req.qInt("page", 1));
        int from = Math.min((page - 1) * perPage, hits.size());
        int to = Math.min(from + perPage, hits.size());
        ArrayNode results = Json.arr();
        for (int i = from; i < to; i++) {
            ObjectNode a = hits.get(i).json.deepCopy();
            a.put("result_type", "article");
            String body = String.valueOf(Json.text(a, "body")).replaceAll("<[^>]+>", " ").trim();
            a.put("snippet", body.length() > 140 ? body.substring(0, 140) : body);
            results.add(a);
        }
        ObjectNode out = Json.obj("results", results, "count", hits.size(), "page", page, "per_page", perPage,
                "page_count", (hits.size() + perPage - 1) / perPage);
        out.put("next_page", to < hits.size() ? Paging.link(req, core.baseUrl, Map.of("page", String.valueOf(page + 1), "per_page", String.valueOf(perPage))) : null);
        out.put("previous_page", page > 1 ? Paging.link(req, core.baseUrl, Map.of("page", String.valueOf(page - 1), "per_page", String.valueOf(perPage))) : null);
        return Resp.ok(out);
    }
}
