package io.camelzendesk.component.export;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.component.ZendeskResource;

/**
 * How far an export consumer got, read through {@link ZendeskExportConsumer#progress()} (the health check, the dev
 * console): records, pages, duplicates suppressed, the last poll, the position, the lag and the rate. Written by the
 * polling thread only; the accessors may be called from any thread.
 * <p>
 * The lag is measured when a poll (or a page of a long poll) completes, never against the clock at read time: 0 when
 * it reached the end of the export (the account is quiet, not behind), else how far the position was behind the
 * moment it completed. It does not grow while an account has nothing new.
 */
public final class ExportProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskExportConsumer.class);
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private volatile long records;
    private volatile long pages;
    private volatile long duplicates;
    private volatile Instant lastPoll;
    private volatile Instant lastSuccess;
    private volatile long positionTime;
    private volatile long lagSeconds;
    private volatile double rate;
    private volatile String lastError;

    private long pollStartedNanos;
    private long recordsAtPollStart;
    private boolean pollFailed;
    private long startedNanos;
    private long lastLogNanos;
    private long recordsAtStart;
    private long positionAtStart;

    /** Records delivered since the consumer was created. */
    public long records() {
        return records;
    }

    /** Pages completed (every record processed and the position stored). */
    public long pages() {
        return pages;
    }

    /** Records skipped because the dedupe window held them (processed before). */
    public long duplicates() {
        return duplicates;
    }

    /** When the last poll started, or null before the first. */
    public Instant lastPoll() {
        return lastPoll;
    }

    /** When the last poll that failed neither in Zendesk nor in the route ended, or null. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** The export has read everything up to this instant (the newest record processed), or null before it knows. */
    public Instant positionTime() {
        long t = positionTime;
        return t > 0 ? Instant.ofEpochSecond(t) : null;
    }

    /** Seconds the position was behind when the last poll or page completed; 0 when that poll reached the end. */
    public long lagSeconds() {
        return lagSeconds;
    }

    /** Records per second delivered by the current poll, or by the last one when none is running. */
    public double rate() {
        return rate;
    }

    /** The message of the last failure (of a poll or of the route on a record), or null; never cleared. */
    public String lastError() {
        return lastError;
    }

    void pollStarted() {
        lastPoll = Instant.now();
        pollStartedNanos = System.nanoTime();
        recordsAtPollStart = records;
        pollFailed = false;
    }

    /** The poll ended: a success unless it or the route failed. */
    void pollEnded() {
        updateRate(System.nanoTime());
        if (!pollFailed) {
            lastSuccess = Instant.now();
        }
    }

    void failed(Exception e) {
        lastError = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        pollFailed = true;
    }

    void duplicates(int n) {
        duplicates += n;
    }

    /** Records of a page not completed (the route failed, a stop, maxMessagesPerPoll): counted, the page is not. */
    void delivered(int n) {
        records += n;
        updateRate(System.nanoTime());
    }

    /** Where the position stands after a poll: caught up (the end of the export) or behind it. */
    void positionAt(ExportPosition position, boolean caughtUp) {
        long time = Math.max(position.recordTime, position.startTime);
        positionTime = time;
        lagSeconds = caughtUp ? 0 : Math.max(0, Instant.now().getEpochSecond() - time);
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
        positionAt(position, endOfStream);
        updateRate(now);
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

    private void updateRate(long now) {
        double seconds = (now - pollStartedNanos) / 1e9;
        rate = seconds > 0 ? (records - recordsAtPollStart) / seconds : 0;
    }
}
