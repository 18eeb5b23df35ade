package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incremental exports with Zendesk's semantics.
 * <ul>
 * <li>Rows are ordered by (export timestamp, id); tickets use generated_timestamp.</li>
 * <li>Rows changed within the recent-exclusion window are left out (the page stops before the first such row).</li>
 * <li>Time-based: a page takes per_page rows then every further row sharing the last row's timestamp (never
 * splits a timestamp, so a page may exceed per_page); end_time is the last row's timestamp and the next page
 * starts there again, so rows at the boundary come twice.</li>
 * <li>Cursor-based: opaque cursors positioned on (timestamp, id): no duplicates, exact page sizes.</li>
 * </ul>
 */
public final class ExportService {
    private static final int MAX_PER_PAGE = 1000;
    private final Core core;

    ExportService(Core core) {
        this.core = core;
    }

    private String tableFor(String resource) {
        return switch (resource) {
            case "tickets" -> Db.TICKETS;
            case "users" -> Db.USERS;
            case "organizations" -> Db.ORGANIZATIONS;
            case "ticket_events" -> Db.TICKET_EVENTS;
            case "articles" -> Db.ARTICLES;
            default -> throw ApiError.invalidEndpoint();
        };
    }

    private long startTime(Req req) {
        String s = req.q("start_time");
        if (s == null || s.isBlank()) {
            throw ApiError.badRequest("InvalidValue", "start_time is required");
        }
        long start;
        try {
            start = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("InvalidValue", "start_time must be a Unix epoch time in seconds");
        }
        Duration excl = core.settings.recentExclusion;
        if (start * 1000 > core.now() - excl.toMillis()) {
            throw ApiError.of(422, "InvalidValue", "Too recent start_time. Use a start_time older than " + human(excl));
        }
        return start;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            long m = ms / 60_000;
            return m + (m == 1 ? " minute" : " minutes");
        }
        if (ms % 1000 == 0 && ms > 0) {
            long s = ms / 1000;
            return s + (s == 1 ? " second" : " seconds");
        }
        return ms + (ms == 1 ? " millisecond" : " milliseconds");
    }

    private static int perPage(Req req) {
        int p = req.qInt("per_page", MAX_PER_PAGE);
        return Math.max(1, Math.min(p, MAX_PER_PAGE));
    }

    /** Collected rows, and whether more qualifying rows follow. */
    private record Slice(List<Entity> rows, boolean more) {
    }

    /** Walks rows after (ts, afterId) until cutoff; {@code sameTsTail}: keep going while the timestamp repeats. */
    private Slice walk(Table t, long ts, long afterId, int perPage, boolean sameTsTail, boolean excludeDeleted) {
        long cutoff = core.now() - core.settings.recentExclusion.toMillis();
        List<Entity> rows = new ArrayList<>(Math.min(perPage, 1024));
        boolean more = false;
        long lastTs = Long.MIN_VALUE;
        for (Entity e : t.fromTs(ts, afterId)) {
            if (e.changedMillis > cutoff || e.ts * 1000 > cutoff) {
                break;
            }
            if (excludeDeleted && e.deleted) {
                continue;
            }
            if (rows.size() >= perPage && !(sameTsTail && e.ts == lastTs)) {
                more = true;
                break;
            }
            rows.add(e);
            lastTs = e.ts;
        }
        return new Slice(rows, more);
    }

    /** GET /api/v2/incremental/{resource}.json?start_time= (and the Help Center articles export). */
    public Resp timeBased(String resource, Req req) {
        long start = startTime(req);
        int perPage = perPage(req);
        boolean excludeDeleted = req.qBool("exclude_deleted") && resource.equals("tickets");
        String key = resource;
        return core.db.read(() -> {
            Slice s = walk(core.db.t(tableFor(resource)), start, Long.MIN_VALUE, perPage, true, excludeDeleted);
            ObjectNode out = Json.obj();
            boolean events = resource.equals("ticket_events");
            boolean commentEvents = req.csv("include").contains("comment_events");
            List<JsonNode> rendered = new ArrayList<>(s.rows.size());
            List<byte[]> rows = new ArrayList<>(s.rows.size());
            for (Entity e : s.rows) {
                JsonNode n = events ? ticketEvent(e, commentEvents) : e.json;
                rendered.add(n);
                rows.add(events ? Json.bytes(n) : e.bytes());
            }
            long endTime = s.rows.isEmpty() ? start : s.rows.get(s.rows.size() - 1).ts;
            Map<String, String> q = new LinkedHashMap<>();
            q.put("start_time", String.valueOf(endTime));
            out.put("next_page", Paging.link(req, core.baseUrl, q));
            out.put("count", s.rows.size());
            out.put("end_of_stream", !s.more);
            out.put("end_time", endTime);
            sideload(resource, out, rendered, req);
            return splice(key, rows, out);
        });
    }

    /** {"key":[rows...], ...rest}: rows are written from their cached bytes, not re-serialised. */
    private static Resp splice(String key, List<byte[]> rows, ObjectNode rest) {
        byte[] tail = Json.bytes(rest);
        int size = key.length() + 8 + tail.length;
        for (byte[] r : rows) {
            size += r.length + 1;
        }
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream(size);
        bos.writeBytes(("{\"" + key + "\":[").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                bos.write(',');
            }
            bos.writeBytes(rows.get(i));
        }
        bos.write(']');
        if (tail.length > 2) {
            bos.write(',');
            bos.write(tail, 1, tail.length - 1);
        } else {
            bos.write('}');
        }
        return Resp.raw(200, bos.toByteArray(), "application/json; charset=utf-8");
    }

    /** GET /api/v2/incremental/{tickets|users}/cursor.json?start_time= | ?cursor= */
    public Resp cursorBased(String resource, Req req) {
        byte kind = resource.equals("tickets") ? Cursors.EXPORT_TICKETS : Cursors.EXPORT_USERS;
        String cursor = req.q("cursor");
        long ts;
        long afterId;
        if (cursor != null) {
            Cursors.Cursor c = Cursors.decode(cursor, kind);
            ts = c.ts();
            afterId = c.id();
        } else {
            ts = startTime(req);
            afterId = Long.MIN_VALUE;
        }
        int perPage = perPage(req);
        boolean excludeDeleted = req.qBool("exclude_deleted") && resource.equals("tickets");
        return core.db.read(() -> {
            Slice s = walk(core.db.t(tableFor(resource)), ts, afterId, perPage, false, excludeDeleted);
            ObjectNode out = Json.obj();
            List<JsonNode> rendered = new ArrayList<>(s.rows.size());
            List<byte[]> rows = new ArrayList<>(s.rows.size());
            for (Entity e : s.rows) {
                rendered.add(e.json);
                rows.add(e.bytes());
            }
            String after;
            String before;
            if (s.rows.isEmpty()) {
                after = Cursors.encode(kind, ts, afterId);
                before = after;
            } else {
                Entity last = s.rows.get(s.rows.size() - 1);
                Entity first = s.rows.get(0);
                after = Cursors.encode(kind, last.ts, last.id);
                before = Cursors.encode(kind, first.ts, first.id - 1);
            }
            out.put("after_url", Paging.link(req, core.baseUrl, Map.of("cursor", after), java.util.Set.of("start_time")));
            out.put("after_cursor", after);
            out.put("before_url", s.rows.isEmpty() ? null : Paging.link(req, core.baseUrl, Map.of("cursor", before), java.util.Set.of("start_time")));
            out.put("before_cursor", s.rows.isEmpty() ? null : before);
            out.put("end_of_stream", !s.more);
            sideload(resource, out, rendered, req);
            return splice(resource, rows, out);
        });
    }

    private void sideload(String resource, ObjectNode out, List<JsonNode> rows, Req req) {
        List<String> include = req.csv("include");
        if (resource.equals("tickets") && !include.isEmpty()) {
            core.tickets.sideload(out, rows, include);
        } else if (resource.equals("users") && include.contains("organizations")) {
            ArrayNode orgs = Json.arr();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (JsonNode u : rows) {
                if (u.hasNonNull("organization_id") && seen.add(u.get("organization_id").asLong())) {
                    Entity o = core.db.t(Db.ORGANIZATIONS).get(u.get("organization_id").asLong());
                    if (o != null) {
                        orgs.add(o.json);
                    }
                }
            }
            out.set("organizations", orgs);
        }
    }

    /** An audit as the ticket_events export shows it. */
    private static ObjectNode ticketEvent(Entity e, boolean commentEvents) {
        ObjectNode audit = e.json;
        String via = audit.path("via").path("channel").asText("api");
        String viaLabel = switch (via) {
            case "web" -> "Web form";
            case "api" -> "Web service";
            default -> via;
        };
        ArrayNode children = Json.arr();
        for (JsonNode ev : audit.path("events")) {
            String type = ev.path("type").asText();
            if ("Comment".equals(type)) {
                if (commentEvents) {
                    ObjectNode c = Json.obj("id", ev.get("id"), "via", viaLabel, "via_reference_id", null, "event_type", "Comment",
                            "body", ev.get("body"), "html_body", ev.get("html_body"), "public", ev.get("public"),
                            "author_id", ev.get("author_id"), "attachments", ev.get("attachments"));
                    children.add(c);
                }
                continue;
            }
            String field = ev.path("field_name").asText();
            ObjectNode c = Json.obj("id", ev.get("id"), "via", viaLabel, "via_reference_id", null, "event_type", type);
            c.set(field, ev.get("value"));
            if (ev.has("previous_value")) {
                c.set("previous_value", ev.get("previous_value"));
            }
            children.add(c);
        }
        return Json.obj("id", audit.get("id"), "ticket_id", audit.get("ticket_id"), "timestamp", e.ts,
                "created_at", audit.get("created_at"), "updater_id", audit.get("author_id"), "via", viaLabel,
                "system", audit.path("metadata").path("system"), "metadata", audit.get("metadata"),
                "event_type", "Audit", "child_events", children, "merged_ticket_ids", Json.arr());
    }
}
