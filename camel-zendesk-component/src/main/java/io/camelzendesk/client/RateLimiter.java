package io.camelzendesk.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One request budget of one Zendesk account (the general API, or incremental exports), shared by every client of
 * that account in the JVM. Requests are spaced evenly: at most {@code requestsPerMinute} (when set), and, once the
 * server reports that little of its window remains, what remains is spread over the time left in the window
 * instead of running into 429. A 429's {@code Retry-After} pauses every request of the account.
 */
public final class RateLimiter {

    /** Below this fraction of the window's limit remaining, requests are spread over the rest of the window. */
    static final double ADAPT_BELOW = 0.2;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

    private final String name;
    /** Clients using this limiter: it is forgotten when the last one closes. Guarded by SHARED's lock on the key. */
    private int users;
    private long staticIntervalNanos;
    private long adaptiveIntervalNanos;
    private boolean started;
    private long lastStartNanos;
    private boolean paused;
    private long pausedUntilNanos;
    private volatile int lastLimit = -1;
    private volatile int lastRemaining = -1;

    RateLimiter(String name, int requestsPerMinute) {
        this.name = name;
        setRequestsPerMinute(requestsPerMinute);
    }

    /**
     * The limiter of an account's budget. The first caller's rate applies; a later caller with a lower positive
     * rate lowers it (the strictest configuration of the account wins).
     */
    public static RateLimiter shared(String account, String budget, int requestsPerMinute) {
        String key = account.toLowerCase(Locale.ROOT) + "#" + budget;
        RateLimiter limiter = SHARED.compute(key, (k, existing) -> {
            RateLimiter l = existing != null ? existing : new RateLimiter(k, requestsPerMinute);
            l.users++;
            return l;
        });
        limiter.lowerTo(requestsPerMinute);
        return limiter;
    }

    /**
     * A client of the account closed. When it was the last, the limiter (its pauses, its learned budget) is
     * forgotten: a later client of the same account starts afresh, as after a restart.
     */
    public void release() {
        SHARED.computeIfPresent(name, (k, l) -> l != this || --l.users > 0 ? l : null);
    }

    private synchronized void lowerTo(int requestsPerMinute) {
        if (requestsPerMinute > 0) {
            long interval = DEFAULT_WINDOW.toNanos() / requestsPerMinute;
            if (interval > staticIntervalNanos) {
                staticIntervalNanos = interval;
            }
        }
    }

    synchronized void setRequestsPerMinute(int requestsPerMinute) {
        staticIntervalNanos = requestsPerMinute > 0 ? DEFAULT_WINDOW.toNanos() / requestsPerMinute : 0;
    }

    /**
     * Reserves the next slot and returns how long the caller must wait before sending: one interval after the
     * previous slot (the interval in force now), and not before a pause ends.
     *
     * @param now the caller's {@link System#nanoTime()} (a test clock in tests)
     */
    public synchronized Duration reserve(long now) {
        long start = now;
        if (started) {
            long next = lastStartNanos + Math.max(staticIntervalNanos, adaptiveIntervalNanos);
            start = next - start > 0 ? next : start;
        }
        if (paused && pausedUntilNanos - start > 0) {
            start = pausedUntilNanos;
        }
        started = true;
        lastStartNanos = start;
        return Duration.ofNanos(start - now);
    }

    /** Learns the remaining budget from a response's headers (any spelling Zendesk uses, any case). */
    public void observe(Map<String, java.util.List<String>> headers, long now) {
        int limit = -1;
        int remaining = -1;
        long resetSeconds = -1;
        for (Map.Entry<String, java.util.List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue().isEmpty()) {
                continue;
            }
            String key = e.getKey().toLowerCase(Locale.ROOT);
            String value = e.getValue().get(0).trim();
            switch (key) {
                case "x-rate-limit", "ratelimit-limit", "rate-limit" -> limit = parseInt(value, limit);
                case "x-rate-limit-remaining", "ratelimit-remaining", "rate-limit-remaining" ->
                        remaining = parseInt(value, remaining);
                case "ratelimit-reset", "rate-limit-reset", "x-rate-limit-reset" -> resetSeconds = parseInt(value, -1);
                default -> {
                }
            }
        }
        if (remaining < 0) {
            return;
        }
        adapt(limit, remaining, resetSeconds, now);
    }

    synchronized void adapt(int limit, int remaining, long resetSeconds, long now) {
        lastLimit = limit;
        lastRemaining = remaining;
        long window = resetSeconds > 0 ? Duration.ofSeconds(resetSeconds).toNanos() : DEFAULT_WINDOW.toNanos();
        boolean low = limit > 0 ? remaining < limit * ADAPT_BELOW : remaining < 10;
        if (!low) {
            adaptiveIntervalNanos = 0;
            return;
        }
        if (remaining == 0) {
            // nothing left: wait for the window to reset
            adaptiveIntervalNanos = 0;
            pauseUntil(now + window);
            return;
        }
        adaptiveIntervalNanos = window / remaining;
    }

    /** The server answered 429: nobody sends on this budget before {@code retryAfter} has passed. */
    public synchronized void pause(Duration retryAfter, long now) {
        pauseUntil(now + retryAfter.toNanos());
    }

    private void pauseUntil(long until) {
        if (!paused || until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
            paused = true;
        }
    }

    /** The remaining budget the server last reported, or -1. */
    public int lastRemaining() {
        return lastRemaining;
    }

    /** The limit the server last reported, or -1. */
    public int lastLimit() {
        return lastLimit;
    }

    private static int parseInt(String value, int fallback) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + "]";
    }
}
