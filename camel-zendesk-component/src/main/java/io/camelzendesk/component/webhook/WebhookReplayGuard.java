package io.camelzendesk.component.webhook;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The signatures of the deliveries this node accepted, each kept until its timestamp leaves the clock-skew window
 * (from then on the verifier refuses it as stale, so it need not be remembered): a signature seen again inside the
 * window is a replay, whatever invocation id comes with it (the signature covers only the timestamp and the body).
 * <p>
 * Bounded: at most {@code capacity} signatures, which is a rate of {@code capacity / window} deliveries (100,000 in
 * 5 minutes: over 300 a second, well above what one webhook receives); when it is full of live signatures, a new
 * one is not accepted ({@link State#FULL}: the consumer answers 503, Zendesk retries later) rather than forgetting
 * a live one, which would let its replay through.
 * <p>
 * A signature is {@link State#IN_PROGRESS} while its route runs, {@link State#DONE} once it completed, and
 * forgotten when the route failed, so that Zendesk's retry (which may carry the same signature when it is sent
 * within the same second) is processed.
 */
final class WebhookReplayGuard {

    static final int DEFAULT_CAPACITY = 100_000;

    enum State {
        /** New: taken by the caller, which must then call {@link #done} or {@link #release}. */
        CLAIMED,
        /** Seen and its route still running. */
        IN_PROGRESS,
        /** Seen and completed: a replay. */
        DONE,
        /** Too many live signatures to remember one more. */
        FULL
    }

    private static final class Entry {
        final String signature;
        final long expiresAt;
        final long sequence;
        boolean done;

        Entry(String signature, long expiresAt, long sequence) {
            this.signature = signature;
            this.expiresAt = expiresAt;
            this.sequence = sequence;
        }
    }

    private final int capacity;
    private final Map<String, Entry> seen = new HashMap<>();
    private final TreeSet<Entry> byExpiry = new TreeSet<>(
            Comparator.<Entry> comparingLong(e -> e.expiresAt).thenComparingLong(e -> e.sequence));
    private long sequence;

    WebhookReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /**
     * @param expiresAt epoch millis after which the signature is refused as stale anyway
     * @param now epoch millis
     */
    synchronized State claim(String signature, long expiresAt, long now) {
        expire(now);
        Entry entry = seen.get(signature);
        if (entry != null) {
            return entry.done ? State.DONE : State.IN_PROGRESS;
        }
        if (seen.size() >= capacity) {
            return State.FULL;
        }
        entry = new Entry(signature, expiresAt, sequence++);
        seen.put(signature, entry);
        byExpiry.add(entry);
        return State.CLAIMED;
    }

    /** The delivery was processed (or acknowledged as a duplicate): from now on its signature is a replay. */
    synchronized void done(String signature) {
        Entry entry = seen.get(signature);
        if (entry != null) {
            entry.done = true;
        }
    }

    /** The delivery was not processed: its signature may come again (Zendesk's retry). */
    synchronized void release(String signature) {
        Entry entry = seen.remove(signature);
        if (entry != null) {
            byExpiry.remove(entry);
        }
    }

    synchronized int size() {
        return seen.size();
    }

    private void expire(long now) {
        while (!byExpiry.isEmpty() && byExpiry.first().expiresAt < now) {
            seen.remove(byExpiry.pollFirst().signature);
        }
    }
}
