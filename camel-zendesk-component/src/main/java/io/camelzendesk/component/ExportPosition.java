package io.camelzendesk.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.camelzendesk.client.ZendeskJson;

/**
 * Where an incremental export stands, stored as one JSON value in a {@code StateRepository}: the cursor (cursor
 * export) or the next {@code start_time} (time-based export), the time of the last record processed, and a bounded
 * window of recently processed {@code id@timestamp} keys that suppresses duplicates. Stored only once every record
 * of a page has been processed.
 */
final class ExportPosition {

    /** The next cursor of a cursor-based export, or null before the first page. */
    String cursor;
    /** The next {@code start_time} (epoch seconds): of a time-based export, or of a cursor export's first page. */
    long startTime;
    /** Epoch seconds of the newest record processed (0 when none yet). */
    long recordTime;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    static ExportPosition startingAt(long startTime) {
        ExportPosition p = new ExportPosition();
        p.startTime = startTime;
        return p;
    }

    @SuppressWarnings("unchecked")
    static ExportPosition parse(String json) {
        try {
            Map<String, Object> m = ZendeskJson.MAPPER.readValue(json, Map.class);
            ExportPosition p = new ExportPosition();
            p.cursor = (String) m.get("cursor");
            p.startTime = m.get("startTime") instanceof Number n ? n.longValue() : 0;
            p.recordTime = m.get("recordTime") instanceof Number n ? n.longValue() : 0;
            if (m.get("seen") instanceof List<?> seen) {
                for (Object key : seen) {
                    p.seen.add(String.valueOf(key));
                }
            }
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("The stored export position is not readable: " + json, e);
        }
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (cursor != null) {
            m.put("cursor", cursor);
        }
        m.put("startTime", startTime);
        m.put("recordTime", recordTime);
        m.put("seen", new ArrayList<>(seen));
        try {
            return ZendeskJson.MAPPER.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExportPosition copy() {
        ExportPosition p = new ExportPosition();
        p.cursor = cursor;
        p.startTime = startTime;
        p.recordTime = recordTime;
        p.seen.addAll(seen);
        return p;
    }

    boolean alreadyProcessed(String key) {
        return seen.contains(key);
    }

    void remember(String key, int window) {
        seen.remove(key);
        seen.add(key);
        for (Iterator<String> it = seen.iterator(); seen.size() > window && it.hasNext();) {
            it.next();
            it.remove();
        }
    }

    int windowSize() {
        return seen.size();
    }

    /** Human-readable position for logs and headers. */
    String describe() {
        return cursor != null ? "cursor " + cursor : "start_time " + startTime;
    }
}
