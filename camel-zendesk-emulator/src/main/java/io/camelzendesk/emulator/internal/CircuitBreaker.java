package io.camelzendesk.emulator.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One webhook's circuit breaker, as Zendesk describes its own: it opens when, within five minutes, 70% of the
 * attempts failed (counted once there are at least {@value #MIN_ATTEMPTS}) or more than 1,000 failed. Open, it sends
 * nothing for {@code pause}; then a single trial attempt goes out: its success closes the breaker, its failure opens
 * it again. Times are the emulator's clock, in milliseconds.
 */
final class CircuitBreaker {
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MIN_ATTEMPTS = 10;
    static final double FAILURE_SHARE = 0.7;
    static final int MAX_FAILURES = 1000;

    private record Outcome(long at, boolean failed) {
    }

    private final Deque<Outcome> window = new ArrayDeque<>();
    private long failures;
    private boolean open;
    private long openUntil;
    private boolean trialInFlight;

    /** Whether an attempt may go out now; an open breaker past its pause lets exactly one trial through. */
    synchronized boolean allow(long now) {
        if (!open) {
            return true;
        }
        if (now < openUntil || trialInFlight) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    /** Records an attempt's outcome; true when this outcome opened the breaker. */
    synchronized boolean record(long now, boolean failed, Duration pause) {
        if (open) {
            if (!trialInFlight) {
                return false; // an attempt sent before the breaker opened
            }
            trialInFlight = false;
            if (failed) {
                openUntil = now + pause.toMillis();
            } else {
                open = false;
                window.clear();
                failures = 0;
            }
            return false;
        }
        window.addLast(new Outcome(now, failed));
        failures += failed ? 1 : 0;
        while (!window.isEmpty() && window.peekFirst().at() < now - WINDOW.toMillis()) {
            failures -= window.pollFirst().failed() ? 1 : 0;
        }
        if (failures > MAX_FAILURES || window.size() >= MIN_ATTEMPTS && failures >= FAILURE_SHARE * window.size()) {
            open = true;
            openUntil = now + pause.toMillis();
            return true;
        }
        return false;
    }

    synchronized boolean isOpen() {
        return open;
    }
}
