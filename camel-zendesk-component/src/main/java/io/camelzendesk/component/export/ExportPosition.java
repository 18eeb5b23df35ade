package io.camelzendesk.component.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.camelzendesk.client.ZendeskJson;

/**
 * Where an incremental export stands, stored as one JSON value in a {@code StateRepository}: the cursor (cursor
 * export) or the next {@code start_time} (time-based export), the time of the newest record processed, and a bounded
 * window of recently processed (id, timestamp) pairs that suppresses duplicates. The cursor and start time move
 * only once every record of a page has been processed; processed pairs are remembered as they complete.
 */
final class ExportPosition {

    /** A processed record: its id and its timestamp (epoch seconds). */
    record Key(long id, long timestamp) {
    }

    /** The next cursor of a cursor-based export, or null before the first page. */
    String cursor;
    /** The next {@code start_time} (epoch seconds): of a time-based export, or of a cursor export's first page. */
    long startTime;
    /** Epoch seconds of the newest record processed (0 when none yet). */
    long recordTime;
    private final LinkedHashSet<Key> seen = new LinkedHashSet<>();

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
                for (int i = 0; i + 1 < seen.size(); i += 2) {
                    p.seen.add(new Key(((Number) seen.get(i)).longValue(), ((Number) seen.get(i + 1)).longValue()));
                }
            }
            return p;
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("The stored export position is not readable: " + json, e);
        }
    }

    /**
     * The position as JSON; the window as a flat list id, timestamp, id, timestamp, ... (oldest first). Written on
     * every page, so built directly: no intermediate list or boxing for the (up to dedupeWindow) keys.
     */
    String toJson() {
        StringBuilder out = new StringBuilder(80 + seen.size() * 20);
        out.append('{');
        if (cursor != null) {
            try {
                out.append("\"cursor\":").append(ZendeskJson.MAPPER.writeValueAsString(cursor)).append(',');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.append("\"startTime\":").append(startTime).append(",\"recordTime\":").append(recordTime)
                .append(",\"seen\":[");
        boolean first = true;
        for (Key k : seen) {
            out.append(first ? "" : ",").append(k.id()).append(',').append(k.timestamp());
            first = false;
        }
        return out.append("]}").toString();
    }

    boolean alreadyProcessed(Key key) {
        return seen.contains(key);
    }

    void remember(Key key, int window) {
        if (!seen.add(key)) {
            seen.remove(key);
            seen.add(key);
        }
        if (seen.size() > window) {
            Iterator<Key> it = seen.iterator();
            while (seen.size() > window && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }

    /**
     * The page's records were all processed and the position moved past them: only records the export can deliver
     * again are kept. A cursor never returns what lies before it, so when the cursor moved none is kept; otherwise
     * the export is read again from {@code startTime} (inclusive), so those whose timestamp is not before it are
     * kept (the records of the page boundary's second). The window then never holds more than the page in flight
     * plus one page's boundary: at most twice perPage.
     */
    void pageCompleted(boolean cursorMoved) {
        if (cursorMoved) {
            seen.clear();
        } else {
            seen.removeIf(k -> k.timestamp() < startTime);
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
