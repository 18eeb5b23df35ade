package io.camelzendesk.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local fake Zendesk for the benchmarks, meant to run in its own JVM (see {@link ServerProcess}) so that its CPU
 * and memory are not counted in the client's figures. Binds 127.0.0.1 on a random port, prints
 * {@code LISTENING <baseUrl>} on stdout when ready, and exits when its stdin closes (its parent ended).
 * <ul>
 * <li>{@code GET /api/v2/incremental/tickets/cursor.json?start_time=S}, then {@code ?cursor=C}: cursor-based
 * export of {@code --tickets} tickets in pages of {@code --page-size}, rendered once at start. With
 * {@code --export-rpm R > 0}, the budget is enforced as R requests per minute spaced evenly (a bucket of one
 * request refilled every 60/R s): too early gets 429 with {@code Retry-After}; every export answer carries
 * {@code X-Rate-Limit}, {@code X-Rate-Limit-Remaining} and {@code ratelimit-limit/-remaining/-reset}.</li>
 * <li>{@code GET /api/v2/incremental/tickets.json?start_time=S}: the same pages in the time-based export's shape
 * (what the official camel-zendesk reads): {@code count}, {@code end_time} and {@code next_page} (far in the
 * past) after the same ticket bytes; the last page has {@code end_time} = now, {@code next_page} null and
 * {@code end_of_stream} true. Counted as export requests, and paced by {@code --export-rpm} the same way.</li>
 * <li>{@code POST /api/v2/tickets[.json]}: 201 with a full ticket after {@code --create-delay-ms}.</li>
 * <li>{@code GET /__stats}: counters as JSON; {@code POST /__reset} zeroes them.</li>
 * </ul>
 * Every API call needs an {@code Authorization} header (else 401), as Zendesk does.
 */
public final class BenchServer {

    private static final String EXPORT_PATH = "/api/v2/incremental/tickets/cursor.json";
    private static final String TIME_EXPORT_PATH = "/api/v2/incremental/tickets.json";
    /** The time-based export's {@code end_time} of page p is TIME_BASE + (p + 1) * 1000 (seconds, in 2020). */
    private static final long TIME_BASE = 1_600_000_000L;

    private final int createDelayMs;
    private final int exportRpm;
    private final List<byte[]> pages = new ArrayList<>();
    /** Per page, the length of its {@code {"tickets":[...} prefix (the ticket bytes both export shapes share). */
    private final List<Integer> itemsLength = new ArrayList<>();
    private final List<Integer> pageCounts = new ArrayList<>();
    private String base;
    private final Map<String, Integer> pageOfCursor = new HashMap<>();
    private byte[] emptyTail;

    // statistics since the last reset
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong exportRequests = new AtomicLong();
    private final AtomicLong creates = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong firstExportMs = new AtomicLong();
    private final List<Long> exportTimesMs = new ArrayList<>();

    // the export budget: the time from which the next request is allowed
    private long nextAllowedNanos = System.nanoTime();

    private BenchServer(int createDelayMs, int exportRpm) {
        this.createDelayMs = createDelayMs;
        this.exportRpm = exportRpm;
    }

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        BenchServer server = new BenchServer(o.integer("create-delay-ms", 50), o.integer("export-rpm", 0));
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        http.setExecutor(Executors.newFixedThreadPool(o.integer("threads", 256)));
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        server.render(base, o.integer("tickets", 200_000), o.integer("page-size", 1000));
        http.createContext("/", server::handle);
        http.start();
        System.out.println("LISTENING " + base);
        System.out.flush();
        // the parent holds our stdin: when it ends, so do we
        while (System.in.read() >= 0) {
            // nothing to read
        }
        System.exit(0);
    }

    /** Renders every export page once: the tickets, then the cursors and end_of_stream. */
    private void render(String base, int tickets, int pageSize) throws IOException {
        this.base = base;
        int pageCount = Math.max(1, (tickets + pageSize - 1) / pageSize);
        List<String> cursors = new ArrayList<>();
        for (int i = 0; i <= pageCount; i++) {
            // Zendesk's cursors are opaque base64 holding '+', '/' and '=', which must be URL-encoded
            String cursor = Base64.getEncoder().encodeToString(("page:" + i + "|\u00fb\u00ef\u00bf~bench").getBytes(StandardCharsets.UTF_8));
            cursors.add(cursor);
            pageOfCursor.put(cursor, i + 1);
        }
        long id = 1;
        for (int p = 0; p < pageCount; p++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(pageSize * 2700);
            out.write("{\"tickets\":[".getBytes(StandardCharsets.UTF_8));
            int count = 0;
            for (; count < pageSize && id <= tickets; count++, id++) {
                if (count > 0) {
                    out.write(',');
                }
                out.write(Tickets.ticketJson(id));
            }
            itemsLength.add(out.size());
            pageCounts.add(count);
            out.write(']');
            out.write(tail(base, cursors.get(p), p == pageCount - 1));
            pages.add(out.toByteArray());
        }
        // past the end: no tickets, the same cursor
        emptyTail = tail(base, cursors.get(pageCount - 1), true);
        pageOfCursor.put(cursors.get(pageCount - 1), pageCount);
        long bytes = pages.stream().mapToLong(b -> b.length).sum();
        System.err.printf("bench server: %d tickets in %d pages, %.2f KB per ticket%n", tickets, pageCount,
                bytes / 1024.0 / Math.max(1, tickets));
    }

    private static byte[] tail(String base, String afterCursor, boolean endOfStream) {
        String cursor = URLEncoder.encode(afterCursor, StandardCharsets.UTF_8);
        return (",\"after_url\":\"" + base + EXPORT_PATH + "?cursor=" + cursor + "\",\"after_cursor\":\"" + afterCursor
                + "\",\"before_url\":null,\"before_cursor\":null,\"end_of_stream\":" + endOfStream + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/__stats")) {
                send(ex, 200, stats(), Map.of());
                return;
            }
            if (path.equals("/__reset")) {
                reset();
                send(ex, 204, null, Map.of());
                return;
            }
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                send(ex, 401, json("{\"error\":\"Couldn't authenticate you\"}"), Map.of());
                return;
            }
            if (method.equals("GET") && (path.equals(EXPORT_PATH) || path.equals(TIME_EXPORT_PATH))) {
                export(ex, path.equals(TIME_EXPORT_PATH));
            } else if (method.equals("POST") && (path.equals("/api/v2/tickets") || path.equals("/api/v2/tickets.json"))) {
                create(ex);
            } else {
                send(ex, 404, json("{\"error\":\"InvalidEndpoint\",\"description\":\"Not found\"}"), Map.of());
            }
        }
    }

    private void export(HttpExchange ex, boolean timeBased) throws IOException {
        long now = System.nanoTime();
        Map<String, String> headers = new LinkedHashMap<>();
        if (exportRpm > 0) {
            long interval = 60_000_000_000L / exportRpm;
            boolean allowed;
            long waitNanos;
            synchronized (this) {
                allowed = now - nextAllowedNanos >= 0;
                if (allowed) {
                    nextAllowedNanos = now + interval;
                }
                waitNanos = Math.max(0, nextAllowedNanos - now);
            }
            long resetSeconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            headers.put("X-Rate-Limit", String.valueOf(exportRpm));
            headers.put("X-Rate-Limit-Remaining", "0");
            headers.put("ratelimit-limit", String.valueOf(exportRpm));
            headers.put("ratelimit-remaining", "0");
            headers.put("ratelimit-reset", String.valueOf(resetSeconds));
            if (!allowed) {
                rateLimited.incrementAndGet();
                headers.put("Retry-After", String.valueOf(resetSeconds));
                send(ex, 429, json("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed"
                        + " incremental export API requests per minute exceeded\"}"), headers);
                return;
            }
        }
        exportRequests.incrementAndGet();
        long nowMs = System.currentTimeMillis();
        firstExportMs.compareAndSet(0, nowMs);
        synchronized (exportTimesMs) {
            exportTimesMs.add(nowMs);
        }
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (timeBased) {
            timePage(ex, query, headers);
            return;
        }
        int page;
        if (query.containsKey("cursor")) {
            Integer p = pageOfCursor.get(query.get("cursor"));
            if (p == null) {
                send(ex, 400, json("{\"error\":\"InvalidPaginationParameter\",\"description\":\"cursor is invalid\"}"),
                        headers);
                return;
            }
            page = p;
        } else if (query.containsKey("start_time")) {
            page = 0;
        } else {
            send(ex, 400, json("{\"error\":\"InvalidValue\",\"description\":\"start_time or cursor is required\"}"),
                    headers);
            return;
        }
        byte[] body = page < pages.size() ? pages.get(page) : concat(json("{\"tickets\":[]"), emptyTail);
        send(ex, 200, body, headers);
    }

    /** The time-based shape: page p answers start_time = end_time of page p - 1 (or anything earlier: page 0). */
    private void timePage(HttpExchange ex, Map<String, String> query, Map<String, String> headers) throws IOException {
        long start;
        try {
            start = Long.parseLong(query.getOrDefault("start_time", ""));
        } catch (NumberFormatException e) {
            send(ex, 400, json("{\"error\":\"InvalidValue\",\"description\":\"start_time is required\"}"), headers);
            return;
        }
        long p = Math.max(0, (start - TIME_BASE) / 1000);
        boolean last = p >= pages.size() - 1;
        long now = System.currentTimeMillis() / 1000;
        if (p >= pages.size()) {
            send(ex, 200, json("{\"tickets\":[],\"count\":0,\"end_time\":" + now
                    + ",\"next_page\":null,\"end_of_stream\":true}"), headers);
            return;
        }
        int page = (int) p;
        long end = last ? now : TIME_BASE + (page + 1) * 1000L;
        String tail = "],\"count\":" + pageCounts.get(page) + ",\"end_time\":" + end + ",\"next_page\":"
               + (last ? "null" : "\"" + base + TIME_EXPORT_PATH + "?start_time=" + end + "\"") + ",\"end_of_stream\":"
               + last + "}";
        send(ex, 200, pages.get(page), itemsLength.get(page), json(tail), headers);
    }

    private void create(HttpExchange ex) throws IOException {
        try {
            Thread.sleep(createDelayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long id = 10_000_000 + creates.incrementAndGet();
        byte[] ticket = Tickets.ticketJson(id);
        send(ex, 201, concat(json("{\"ticket\":"), ticket, json("}")),
                Map.of("Location", Tickets.HOST + "/api/v2/tickets/" + id + ".json"));
    }

    private void send(HttpExchange ex, int status, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        bytesSent.addAndGet(body.length);
    }

    /** Sends the first {@code length} bytes of {@code items}, then {@code tail}, as one answer. */
    private void send(HttpExchange ex, int status, byte[] items, int length, byte[] tail, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, length + tail.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(items, 0, length);
            out.write(tail);
        }
        bytesSent.addAndGet(length + tail.length);
    }

    private byte[] stats() {
        StringBuilder times = new StringBuilder();
        synchronized (exportTimesMs) {
            for (Long t : exportTimesMs) {
                times.append(times.length() == 0 ? "" : ",").append(t);
            }
        }
        return json("{\"requests\":" + requests.get() + ",\"export_requests\":" + exportRequests.get()
                + ",\"creates\":" + creates.get() + ",\"rate_limited\":" + rateLimited.get() + ",\"bytes\":"
                + bytesSent.get() + ",\"first_export_ms\":" + firstExportMs.get() + ",\"export_times_ms\":[" + times
                + "]}");
    }

    private void reset() {
        requests.set(0);
        exportRequests.set(0);
        creates.set(0);
        rateLimited.set(0);
        bytesSent.set(0);
        firstExportMs.set(0);
        synchronized (exportTimesMs) {
            exportTimesMs.clear();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
