package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One received HTTP request, with its route parameters once routed. */
public final class Req {
    public final String method;
    public final String rawPath;
    /** Path without ".json", without trailing slash, Help Center locale segment removed. */
    public final String path;
    public final String rawQuery;
    public final Map<String, List<String>> query;
    public final Map<String, List<String>> headers;
    public final byte[] body;
    public final Map<String, String> params = new LinkedHashMap<>();
    /** The authenticated user id (set by the dispatcher). */
    public long actorId;
    public String helpCenterLocale;
    private JsonNode json;

    public Req(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = h;
        this.body = body == null ? new byte[0] : body;
        String p = rawPath;
        if (p.endsWith(".json")) {
            p = p.substring(0, p.length() - 5);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        // Help Center paths may carry a locale: /api/v2/help_center/en-us/articles
        if (p.startsWith("/api/v2/help_center/")) {
            String[] segs = p.split("/");
            if (segs.length > 4 && segs[4].matches("[a-z]{2}(-[a-z0-9]{2,4})?") && !"incremental".equals(segs[4])) {
                helpCenterLocale = segs[4];
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i < segs.length; i++) {
                    if (i != 4) {
                        sb.append('/').append(segs[i]);
                    }
                }
                p = sb.toString();
            }
        }
        this.path = p;
    }

    public static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public String q(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public int qInt(String name, int def) {
        String v = q(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("InvalidPaginationParameter", "Invalid value for " + name + ": " + v);
        }
    }

    public boolean qBool(String name) {
        return "true".equalsIgnoreCase(q(name)) || "1".equals(q(name));
    }

    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public long id(String param) {
        String v = params.get(param);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiError.notFound();
        }
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Body parsed as JSON; empty body is an empty object; invalid JSON is a 400. */
    public JsonNode json() {
        if (json == null) {
            if (body.length == 0) {
                json = Json.obj();
            } else {
                try {
                    json = Json.MAPPER.readTree(body);
                } catch (Exception e) {
                    throw ApiError.badRequest("InvalidJSON", "The request body is not valid JSON: " + e.getMessage());
                }
                if (json == null) {
                    json = Json.obj();
                }
            }
        }
        return json;
    }

    /** The object under {@code key} in the body ({"ticket": {...}}), or a 400 when absent. */
    public ObjectNode envelope(String key) {
        JsonNode n = json().get(key);
        if (n == null || !n.isObject()) {
            throw ApiError.badRequest("InvalidParameter", "Parameter " + key + " is required and must be an object");
        }
        return (ObjectNode) n;
    }

    /** A comma-separated list of ids ({@code ?ids=1,2,3}); a value that is not a number is a 400. */
    public List<Long> ids(String name) {
        List<Long> out = new ArrayList<>();
        for (String s : csv(name)) {
            try {
                out.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("InvalidValue", "Invalid id: " + s);
            }
        }
        return out;
    }

    public List<String> csv(String name) {
        String v = q(name);
        if (v == null || v.isBlank()) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
