package io.camelzendesk.component.export;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.camelzendesk.component.ZendeskResource;

/** Counters and the last poll's outcome, for the health check, the dev console, the meters and the progress log. */
public final class ExportProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskExportConsumer.class);
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    volatile long records;
    volatile long pages;
    volatile long duplicates;
    volatile Instant lastPoll;
    volatile Instant lastSuccess;
    volatile long positionTime;
    volatile Exception lastError;
    volatile boolean lastPollFailed;
    private long startedNanos;
    private long lastLogNanos;
    private long recordsAtStart;
    private long positionAtStart;

    private volatile boolean routeFailedThisPoll;

    /** Records routed since the consumer started. */
    public long records() {
        return records;
    }

    /** Pages fetched since the consumer started. */
    public long pages() {
        return pages;
    }

    /** Records dropped as duplicates of the page boundary. */
    public long duplicates() {
        return duplicates;
    }

    /** When the last poll started, or null. */
    public Instant lastPoll() {
        return lastPoll;
    }

    /** When the last poll completed without error, or null. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** The export has read everything up to this instant (the newest record processed), or null before it knows. */
    public Instant positionTime() {
        long t = positionTime;
        return t > 0 ? Instant.ofEpochSecond(t) : null;
    }

    /** Seconds the position was behind when the last poll completed (now while none has); 0 before it knows. */
    public long lagSeconds() {
        long t = positionTime;
        if (t <= 0) {
            return 0;
        }
        Instant asOf = lastSuccess != null ? lastSuccess : Instant.now();
        return Math.max(0, asOf.getEpochSecond() - t);
    }

    /** Records per second since the export started reading (0 once it has reached the end). */
    public synchronized double rate() {
        if (startedNanos == 0) {
            return 0;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return seconds <= 0 ? 0 : (records - recordsAtStart) / seconds;
    }

    /** The message of the last failure (of a poll or of the route on a record), or null. */
    public String lastError() {
        Exception e = lastError;
        return e == null ? null : String.valueOf(e.getMessage());
    }

    void pollStarted() {
        lastPoll = Instant.now();
        routeFailedThisPoll = false;
    }

    /** The poll ended without an exception: a success unless the route failed on a record. */
    void pollSucceeded() {
        if (routeFailedThisPoll) {
            return;
        }
        lastSuccess = Instant.now();
        lastPollFailed = false;
    }

    void pollFailed(Exception e) {
        lastError = e;
        lastPollFailed = true;
    }

    void routeFailed(Exception e) {
        lastError = e;
        lastPollFailed = true;
        routeFailedThisPoll = true;
    }

    void duplicates(int n) {
        duplicates += n;
    }

    synchronized void page(int n, ExportPosition position, long waitedMs, ZendeskResource resource,
            boolean endOfStream) {
        long now = System.nanoTime();
        if (startedNanos == 0) {
            startedNanos = now;
            lastLogNanos = now;
            recordsAtStart = records;
            positionAtStart = position.recordTime;
        }
        records += n;
        pages++;
        positionTime = position.recordTime;
        if (now - lastLogNanos >= PROGRESS_EVERY_NANOS) {
            lastLogNanos = now;
            double seconds = (now - startedNanos) / 1e9;
            long lag = position.recordTime == 0 ? -1 : Instant.now().getEpochSecond() - position.recordTime;
            // the export's clock advances at this many seconds per second: what remains, at that pace
            double pace = (position.recordTime - positionAtStart) / seconds;
            String remaining = lag > 0 && pace > 0 ? ", about " + Math.round(lag / pace) + " s to go" : "";
            LOG.info("Zendesk {} export: {} records in {} pages, {} records/s, {} s waited for rate limits,"
                     + " at {}{}{}", resource, records, pages, Math.round((records - recordsAtStart) / seconds),
                    waitedMs / 1000, position.recordTime == 0 ? "-" : Instant.ofEpochSecond(position.recordTime),
                    lag < 0 ? "" : ", " + lag + " s behind now", remaining);
        }
        if (endOfStream) {
            startedNanos = 0;
        }
    }
}
