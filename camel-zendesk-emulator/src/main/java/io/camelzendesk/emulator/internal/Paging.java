package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pagination of list endpoints: cursor ({@code page[size]}, {@code page[after]}, {@code page[before]},
 * {@code meta}, {@code links}) or legacy offset ({@code page}, {@code per_page}, {@code next_page},
 * {@code previous_page}, {@code count}). Lists are ordered by id (ascending unless sort_order=desc).
 */
public final class Paging {
    private Paging() {
    }

    public static boolean isCursor(Req req) {
        return req.q("page[size]") != null || req.q("page[after]") != null || req.q("page[before]") != null;
    }

    /**
     * Builds the page.
     *
     * @param items     every matching row, already ordered
     * @param ids       id of a row (cursor position)
     * @param render    row to JSON
     * @param baseUrl   emulator base URL
     * @param maxSize   max page size (100 for most, 30 default for Help Center)
     * @param defSize   default page size
     */
    public static <T> ObjectNode page(Req req, String key, List<T> items, Function<T, Long> ids, Function<T, JsonNode> render,
                                      String baseUrl, int defSize, int maxSize) {
        boolean desc = "desc".equalsIgnoreCase(req.q("sort_order")) || "-id".equals(req.q("sort"));
        List<T> ordered = items;
        if (desc) {
            ordered = new ArrayList<>(items);
            java.util.Collections.reverse(ordered);
        }
        ObjectNode out = Json.obj();
        ArrayNode arr = out.putArray(key);
        if (isCursor(req)) {
            int size = req.qInt("page[size]", defSize);
            if (size > maxSize) {
                throw ApiError.badRequest("InvalidPaginationParameter", "page[size] is greater than the maximum (" + maxSize + ")");
            }
            if (size < 1) {
                throw ApiError.badRequest("InvalidPaginationParameter", "page[size] must be a positive integer");
            }
            String after = req.q("page[after]");
            String before = req.q("page[before]");
            int from;
            int to;
            if (before != null && !before.isEmpty()) {
                long cid = Cursors.decode(before, Cursors.LIST).id();
                int end = 0;
                while (end < ordered.size() && (desc ? ids.apply(ordered.get(end)) > cid : ids.apply(ordered.get(end)) < cid)) {
                    end++;
                }
                to = end;
                from = Math.max(0, end - size);
            } else {
                int start = 0;
                if (after != null && !after.isEmpty()) {
                    long cid = Cursors.decode(after, Cursors.LIST).id();
                    while (start < ordered.size() && (desc ? ids.apply(ordered.get(start)) >= cid : ids.apply(ordered.get(start)) <= cid)) {
                        start++;
                    }
                }
                from = start;
                to = Math.min(ordered.size(), start + size);
            }
            for (int i = from; i < to; i++) {
                arr.add(render.apply(ordered.get(i)));
            }
            boolean hasMore = to < ordered.size();
            boolean hasPrev = from > 0;
            String afterCursor = to > from ? Cursors.encode(Cursors.LIST, 0, ids.apply(ordered.get(to - 1))) : null;
            String beforeCursor = to > from ? Cursors.encode(Cursors.LIST, 0, ids.apply(ordered.get(from))) : null;
            ObjectNode meta = out.putObject("meta");
            meta.put("has_more", hasMore);
            meta.put("after_cursor", afterCursor);
            meta.put("before_cursor", beforeCursor);
            ObjectNode links = out.putObject("links");
            links.put("next", hasMore && afterCursor != null ? link(req, baseUrl, Map.of("page[size]", String.valueOf(size), "page[after]", afterCursor)) : null);
            links.put("prev", hasPrev && beforeCursor != null ? link(req, baseUrl, Map.of("page[size]", String.valueOf(size), "page[before]", beforeCursor)) : null);
            return out;
        }
        int perPage = Math.min(Math.max(req.qInt("per_page", defSize), 1), maxSize);
        int page = Math.max(req.qInt("page", 1), 1);
        if ((long) page * perPage > 10_000 && maxSize >= 100) {
            throw ApiError.badRequest("InvalidPaginationParameter",
                    "Offset pagination is limited to the first 10000 records. Use cursor pagination (page[size]) instead.");
        }
        int from = Math.min((page - 1) * perPage, ordered.size());
        int to = Math.min(from + perPage, ordered.size());
        for (int i = from; i < to; i++) {
            arr.add(render.apply(ordered.get(i)));
        }
        out.put("next_page", to < ordered.size() ? link(req, baseUrl, Map.of("page", String.valueOf(page + 1), "per_page", String.valueOf(perPage))) : null);
        out.put("previous_page", page > 1 ? link(req, baseUrl, Map.of("page", String.valueOf(page - 1), "per_page", String.valueOf(perPage))) : null);
        out.put("count", ordered.size());
        return out;
    }

    /** Absolute URL for the same endpoint with some query parameters replaced. */
    public static String link(Req req, String baseUrl, Map<String, String> replace) {
        return link(req, baseUrl, replace, java.util.Set.of());
    }

    /** Same, also leaving out the parameters in {@code drop}. */
    public static String link(Req req, String baseUrl, Map<String, String> replace, java.util.Set<String> drop) {
        StringBuilder sb = new StringBuilder(baseUrl).append(req.rawPath);
        char sep = '?';
        for (Map.Entry<String, List<String>> e : req.query.entrySet()) {
            String k = e.getKey();
            if (replace.containsKey(k) || drop.contains(k) || k.equals("page[after]") || k.equals("page[before]") || k.equals("page") || k.equals("cursor")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(sep).append(enc(k)).append('=').append(enc(v));
                sep = '&';
            }
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(replace).entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
