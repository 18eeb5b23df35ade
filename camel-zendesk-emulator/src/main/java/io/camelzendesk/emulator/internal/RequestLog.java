package io.camelzendesk.emulator.internal;

import io.camelzendesk.emulator.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last received API requests (bounded). */
public final class RequestLog {
    private static final int MAX = 20_000;
    private static final int MAX_BODY = 64 * 1024;
    private final Deque<RecordedRequest> log = new ArrayDeque<>();

    public void record(Req req, long nowMillis) {
        String body = req.body.length > MAX_BODY
                ? new String(req.body, 0, MAX_BODY, StandardCharsets.UTF_8) + "...(truncated)"
                : new String(req.body, StandardCharsets.UTF_8);
        RecordedRequest r = new RecordedRequest(req.method, req.rawPath, req.rawQuery, copy(req), body, Instant.ofEpochMilli(nowMillis));
        synchronized (log) {
            log.addLast(r);
            if (log.size() > MAX) {
                log.removeFirst();
            }
        }
    }

    private static java.util.Map<String, List<String>> copy(Req req) {
        java.util.Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        req.headers.forEach((k, v) -> m.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(m);
    }

    public List<RecordedRequest> all() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    public void clear() {
        synchronized (log) {
            log.clear();
        }
    }
}
