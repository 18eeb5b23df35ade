package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Routes of the Search API: search (offset pages, at most 1,000 results), count, export (cursor pages) over {@link SearchService}. */
final class SearchApi {
    private final Core core;

    SearchApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
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
}
