package io.camelzendesk.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One request budget of one Zendesk account: the account's API budget, an endpoint's (ticket updates, user
 * updates, ...) or one object's (updates of one ticket). Requests are spaced: at most {@code requestsPerMinute}
 * evenly (when set); at most {@code windowLimit} in any {@code window} (a documented limit, bursts allowed); once the
 * server reports that little of its window remains, what remains is spread over the time left in the window instead
 * of running into 429; and nothing is sent while a 429's {@code Retry-After} (or an exhausted budget) pauses it.
 * <p>
 * A request may draw on several limiters ({@link AccountLimits}): it waits for a slot on each in turn, then moves the
 * slots it got earlier to when it really went ({@link #postpone}).
 */
public final class RateLimiter {

    /** Below this fraction of the window's limit remaining, requests are spread over the rest of the window. */
    static final double ADAPT_BELOW = 0.2;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final String name;
    private long staticIntervalNanos;
    private long adaptiveIntervalNanos;
    private boolean started;
    private long lastStartNanos;
    private boolean paused;
    private long pausedUntilNanos;
    /** A documented limit: at most windowLimit starts in any windowNanos (0: none). */
    private final int windowLimit;
    private final long windowNanos;
    /** The starts within the last window (and any reserved ahead), in order. */
    private final List<Long> starts;
    private volatile int lastLimit = -1;
    private volatile int lastRemaining = -1;
    /** This node's share of the budget's spending (see {@link #learnShare}); 1 alone. */
    private double share = 1.0;
    /** Below this share of the account others spend it too: a per-second limit is kept at this node's share. */
    static final double SHARED_BELOW = 0.9;
    private long shareIntervalNanos;
    /** While others spend the budget too, this part of its limit (at least 2 requests) is left in each window. */
    static final double SHARED_RESERVE = 0.02;
    /** Requests counted in a window before this node's share is read from it. */
    static final int SHARE_SAMPLE = 10;
    private int windowMine;
    private int windowTop;
    private int windowLowest;
    private double lastWindowShare;
    /** Requests of others counted in this window and in the last one. */
    private int windowOthers;
    private int lastWindowOthers;
    /**
     * This node's share of the account's spending (null for the account's own budgets): a documented per-object
     * window is kept at that share, and an endpoint budget whose own share cannot be seen in its counts (a limit of
     * one a second) uses it.
     */
    private final java.util.function.DoubleSupplier accountShare;

    RateLimiter(String name, int requestsPerMinute) {
        this(name, requestsPerMinute, 0, Duration.ZERO);
    }

    RateLimiter(String name, int requestsPerMinute, int windowLimit, Duration window) {
        this(name, requestsPerMinute, windowLimit, window, null);
    }

    RateLimiter(String name, int requestsPerMinute, int windowLimit, Duration window,
                java.util.function.DoubleSupplier accountShare) {
        this.accountShare = accountShare;
        this.name = name;
        this.windowLimit = windowLimit;
        this.windowNanos = window.toNanos();
        this.starts = windowLimit > 0 ? new ArrayList<>() : Collections.emptyList();
        lowerTo(requestsPerMinute);
    }

    /** A later client with a lower positive rate lowers it: the strictest configuration of the account wins. */
    synchronized void lowerTo(int requestsPerMinute) {
        if (requestsPerMinute > 0) {
            long interval = DEFAULT_WINDOW.toNanos() / requestsPerMinute;
            if (interval > staticIntervalNanos) {
                staticIntervalNanos = interval;
            }
        }
    }

    /**
     * Reserves the next slot and returns how long the caller must wait before sending.
     *
     * @param now the caller's {@link System#nanoTime()} (a test clock in tests)
     */
    public Duration reserve(long now) {
        return Duration.ofNanos(reserveAt(now) - now);
    }

    /** Reserves the first slot at or after {@code earliest} that every rule of this limiter allows; returns it. */
    synchronized long reserveAt(long earliest) {
        long start = earliest;
        for (int round = 0; round < 4; round++) {
            long before = start;
            long interval = Math.max(Math.max(staticIntervalNanos, adaptiveIntervalNanos), shareIntervalNanos);
            if (started && interval > 0) {
                start = later(start, lastStartNanos + interval);
            }
            if (paused && pausedUntilNanos - start > 0) {
                start = pausedUntilNanos;
            }
            start = windowAllows(start);
            if (start == before) {
                break;
            }
        }
        started = true;
        lastStartNanos = later(lastStartNanos, start);
        record(start);
        return start;
    }

    /** A slot reserved at {@code slot} is taken at {@code actual} (another limiter of the request held it back). */
    synchronized void postpone(long slot, long actual) {
        if (lastStartNanos == slot) {
            lastStartNanos = actual;
        }
        if (windowLimit > 0 && starts.remove(Long.valueOf(slot))) {
            record(actual);
        }
    }

    /** A slot reserved at {@code slot} will not be used: the window forgets it. */
    synchronized void cancel(long slot) {
        if (windowLimit > 0) {
            starts.remove(Long.valueOf(slot));
        }
    }

    /** The first time at or after {@code start} when fewer than windowLimit starts fall within a window of it. */
    private long windowAllows(long start) {
        if (windowLimit <= 0) {
            return start;
        }
        // kept for two windows: a caller may ask for a slot earlier than one reserved before (a retry's delay)
        while (!starts.isEmpty() && starts.get(0) - (start - 2 * windowNanos) <= 0) {
            starts.remove(0);
        }
        int limit = accountShare == null ? windowLimit
                : Math.max(1, (int) Math.floor(windowLimit * Math.min(1.0, accountShare.getAsDouble())));
        for (int guard = 0; guard <= starts.size(); guard++) {
            int near = 0;
            long firstNear = 0;
            for (long s : starts) {
                if (s - (start - windowNanos) > 0 && (start + windowNanos) - s > 0) {
                    if (near++ == 0) {
                        firstNear = s;
                    }
                }
            }
            if (near < limit) {
                return start;
            }
            start = firstNear + windowNanos;
        }
        return start;
    }

    private void record(long start) {
        if (windowLimit > 0) {
            int i = starts.size();
            while (i > 0 && starts.get(i - 1) - start > 0) {
                i--;
            }
            starts.add(i, start);
        }
    }

    /** The time after which this limiter holds nothing back any more (to forget an idle object's limiter). */
    synchronized boolean idleSince(long now) {
        long horizon = Math.max(windowNanos, Math.max(staticIntervalNanos, adaptiveIntervalNanos));
        return (!started || now - lastStartNanos > horizon) && (!paused || now - pausedUntilNanos > 0);
    }

    /**
     * Learns the remaining budget (values from {@link RateLimitHeaders}); a negative remaining is ignored.
     * <p>
     * Other nodes may spend the same budget: Zendesk's count falls by this node's requests and theirs, and every node
     * reads the same count. So every node follows the same rule, which makes them fair without knowing each other:
     * above 20% left, nothing is held back; below, the requests left are spread evenly over the time left in the
     * window (each node's rate is what is left over the time left: N nodes spend it N times as fast, and still never
     * past zero, since each slows down as the count falls). While others spend the budget too (seen in the count:
     * {@link #learnShare}), the last {@link #SHARED_RESERVE} of the limit is left alone: a node's view of the count is
     * a few requests old, and those few are what could otherwise meet a 429.
     * <p>
     * A per-second limit shows nobody else in its count (it is used up by one request): while the account is shared,
     * this node keeps to its share of it ({@code accountShare}), spaced evenly.
     */
    synchronized void adapt(int limit, int remaining, long resetSeconds, long now) {
        if (remaining < 0) {
            return;
        }
        learnShare(limit, remaining);
        lastLimit = limit;
        lastRemaining = remaining;
        long window = resetSeconds > 0 ? Duration.ofSeconds(resetSeconds).toNanos() : DEFAULT_WINDOW.toNanos();
        double mine = accountShare == null ? 1.0 : accountShare.getAsDouble();
        shareIntervalNanos = resetSeconds == 1 && limit > 0 && mine < SHARED_BELOW ? (long) (window / (limit * mine))
                : 0;
        boolean low = limit > 0 ? remaining < limit * ADAPT_BELOW : remaining < 10;
        if (!low) {
            adaptiveIntervalNanos = 0;
            return;
        }
        int usable = remaining - (othersSeen() ? Math.max(2, (int) Math.ceil(limit * SHARED_RESERVE)) : 0);
        if (usable < 1) {
            // nothing left, or only the reserve while others spend it too: wait for the window to reset
            adaptiveIntervalNanos = 0;
            pauseUntil(now + window);
            return;
        }
        adaptiveIntervalNanos = window / usable;
    }

    /**
     * Within one window of Zendesk's count, this node's answers against how far the count fell since its first
     * answer there (its own requests and the others'): robust to answers that arrive out of order. Measured once at
     * least {@link #SHARE_SAMPLE} requests were counted; averaged with the last window's.
     */
    private void learnShare(int limit, int remaining) {
        boolean newWindow = windowMine == 0 || limit != lastLimit
                            || remaining > windowLowest + Math.max(5, limit > 0 ? limit / 10 : 5);
        if (newWindow) {
            int counted = windowTop - windowLowest;
            if (windowMine > 0 && counted >= SHARE_SAMPLE) {
                lastWindowShare = Math.min(1.0, (double) windowMine / counted);
            }
            lastWindowOthers = windowOthers;
            windowOthers = 0;
            windowTop = remaining + 1;
            windowLowest = remaining;
            windowMine = 1;
            return;
        }
        windowMine++;
        windowLowest = Math.min(windowLowest, remaining);
        int counted = windowTop - windowLowest;
        windowOthers = Math.max(windowOthers, counted - windowMine);
        if (counted >= SHARE_SAMPLE) {
            double now = Math.min(1.0, (double) windowMine / counted);
            share = lastWindowShare > 0 ? (now + lastWindowShare) / 2 : now;
        }
    }

    /** Whether other nodes spent this budget in this window of Zendesk's count or in the last one. */
    private boolean othersSeen() {
        return Math.max(windowOthers, lastWindowOthers) >= 2;
    }

    /**
     * The share of this budget's spending that is this node's (1 when alone), averaged over its recent answers: a
     * per-object budget that Zendesk reports in no header is kept at that share of its documented size.
     */
    public synchronized double share() {
        return share;
    }

    /** The server refused a request of this budget (429): nobody sends on it before {@code retryAfter} has passed. */
    public synchronized void pause(Duration retryAfter, long now) {
        pauseUntil(now + retryAfter.toNanos());
    }

    private void pauseUntil(long until) {
        if (!paused || until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
            paused = true;
        }
    }

    /** Whether a pause began after a slot was reserved at {@code slot} and lasts past it (the slot is stale). */
    synchronized boolean pausedPast(long slot) {
        return paused && pausedUntilNanos - slot > 0;
    }

    /** How long from {@code now} this budget is paused (zero when it is not). */
    public synchronized Duration pausedFor(long now) {
        return paused && pausedUntilNanos - now > 0 ? Duration.ofNanos(pausedUntilNanos - now) : Duration.ZERO;
    }

    /** The remaining budget the server last reported, or -1. */
    public int lastRemaining() {
        return lastRemaining;
    }

    /** The limit the server last reported, or -1. */
    public int lastLimit() {
        return lastLimit;
    }

    public String name() {
        return name;
    }

    private static long later(long a, long b) {
        return b - a > 0 ? b : a;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + "]";
    }
}
