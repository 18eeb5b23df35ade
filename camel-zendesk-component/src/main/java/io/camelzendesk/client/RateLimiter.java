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
    /** When the window whose count set {@link #adaptiveIntervalNanos} resets. */
    private long adaptiveUntilNanos;
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
    /** While others spend the budget too, no node goes faster than the limit spread evenly over the window. */
    private long evenIntervalNanos;
    private long longestResetSeconds;
    /** While others spend the budget too, this part of its limit (at least 2 requests) is left in each window. */
    static final double SHARED_RESERVE = 0.02;
    /** More than this node's requests that can be in flight when the count is low: the count fell by others' too. */
    static final int OTHERS_IN_FLIGHT = 5;
    /** Requests counted in a window before this node's share is read from it. */
    static final int SHARE_SAMPLE = 10;
    private int windowMine;
    /** When the window of Zendesk's count this node reads resets (0: unknown, no reset header). */
    private long windowEndNanos;
    /** At least: answers whose window ends within this of each other read the same window (whole-second resets). */
    static final long SAME_WINDOW = 1_500_000_000L;
    private int windowTop;
    private int windowLowest;
    private double lastWindowShare;
    /** The last window of Zendesk's count, complete: what others spent in it is what it fell by beyond this node's. */
    private int lastWindowTop;
    private int lastWindowLowest;
    private int lastWindowMine;
    /**
     * How many nodes spend the account (null for the account's own budgets): a documented window Zendesk reports no
     * count of (30 updates per ticket per 10 minutes) is kept at this node's equal part of it.
     */
    private final java.util.function.IntSupplier accountNodes;

    RateLimiter(String name, int requestsPerMinute) {
        this(name, requestsPerMinute, 0, Duration.ZERO);
    }

    RateLimiter(String name, int requestsPerMinute, int windowLimit, Duration window) {
        this(name, requestsPerMinute, windowLimit, window, null);
    }

    RateLimiter(String name, int requestsPerMinute, int windowLimit, Duration window,
                java.util.function.IntSupplier accountNodes) {
        this.accountNodes = accountNodes;
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
            if (started) {
                long next = lastStartNanos + Math.max(Math.max(staticIntervalNanos, evenIntervalNanos), sharedSpacing());
                if (adaptiveIntervalNanos > 0) {
                    // what is left is spread over the rest of its window only: past the reset there is a new count
                    long spread = lastStartNanos + adaptiveIntervalNanos;
                    next = later(next, spread - adaptiveUntilNanos > 0 ? adaptiveUntilNanos : spread);
                }
                start = later(start, next);
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

    /**
     * A documented window (30 updates per ticket per 10 minutes) while other nodes spend the account: this node's
     * equal part of it, spread evenly (one a minute for three nodes), rather than a burst and then a wait of up to
     * the whole window. Alone, a burst up to the limit is allowed.
     */
    private long sharedSpacing() {
        int nodes = windowLimit > 0 && accountNodes != null ? accountNodes.getAsInt() : 1;
        return nodes > 1 ? windowNanos * nodes / windowLimit : 0;
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
        int limit = accountNodes == null ? windowLimit : Math.max(1, windowLimit / accountNodes.getAsInt());
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
     * reads the same count. So every node follows the same rule, which shares the budget equally without the nodes
     * knowing each other (a rule based on what each node got would feed on itself: the node that got most would keep
     * it). Alone, a node takes what it asks for until 20% is left. Once it sees others in the count
     * ({@link #learnShare}), no node goes faster than the limit spread evenly over the window (the longest reset
     * seen): together they spend the budget N times as fast as one, each an equal part. Below 20% left, each spreads
     * what is left over the time left in the window: N nodes spend it N times as fast, and still never past zero,
     * since each slows down as the count falls. While shared, the last {@link #SHARED_RESERVE} of the limit is left
     * alone: a node's view of the count is a few requests old, and those few could otherwise meet a 429.
     */
    synchronized void adapt(int limit, int remaining, long resetSeconds, long now) {
        if (remaining < 0) {
            return;
        }
        longestResetSeconds = Math.max(longestResetSeconds, resetSeconds);
        if (!learnShare(limit, remaining, resetSeconds > 0 ? now + Duration.ofSeconds(resetSeconds).toNanos() : 0)) {
            return;
        }
        lastLimit = limit;
        lastRemaining = remaining;
        boolean shared = othersSeen();
        long fullWindow = longestResetSeconds > 0 ? Duration.ofSeconds(longestResetSeconds).toNanos()
                : DEFAULT_WINDOW.toNanos();
        // a per-second limit shows nobody else in its count (one request uses it up): while the account is shared,
        // each node keeps to its equal part of it
        int nodes = accountNodes != null && longestResetSeconds <= 1 ? accountNodes.getAsInt() : 1;
        evenIntervalNanos = (shared || nodes > 1) && limit > 0 ? fullWindow * nodes / limit : 0;
        long window = resetSeconds > 0 ? Duration.ofSeconds(resetSeconds).toNanos() : DEFAULT_WINDOW.toNanos();
        boolean low = limit > 0 ? remaining < limit * ADAPT_BELOW : remaining < 10;
        if (!low) {
            adaptiveIntervalNanos = 0;
            return;
        }
        // low, a node's own requests in flight are few (they are spread): others can be seen in this window already
        boolean sharedNow = shared || windowTop - windowLowest - windowMine >= OTHERS_IN_FLIGHT;
        int usable = remaining - (sharedNow ? Math.max(2, (int) Math.ceil(limit * SHARED_RESERVE)) : 0);
        if (usable < 1) {
            // nothing left, or only the reserve while others spend it too: wait for the window to reset
            adaptiveIntervalNanos = 0;
            pauseUntil(now + window);
            return;
        }
        adaptiveIntervalNanos = window / usable;
        adaptiveUntilNanos = now + window;
    }

    /**
     * Within one window of Zendesk's count, this node's answers against how far the count fell since its first
     * answer there (its own requests and the others'): robust to answers that arrive out of order. Measured once at
     * least {@link #SHARE_SAMPLE} requests were counted; averaged with the last window's.
     */
    private boolean learnShare(int limit, int remaining, long windowEnd) {
        boolean knownEnds = windowEnd != 0 && windowEndNanos != 0;
        // answers of one window: their ends differ by the answers' delays only; the next window ends a window later
        long sameWindow = Math.max(SAME_WINDOW, Duration.ofSeconds(longestResetSeconds).toNanos() / 2);
        if (windowMine > 0 && limit == lastLimit && (knownEnds ? windowEndNanos - windowEnd > sameWindow
                : remaining < windowLowest - limit / 2 && windowMine < SHARE_SAMPLE)) {
            // the late answer of a request counted in the window before: it was this node's
            lastWindowMine++;
            lastWindowLowest = Math.min(lastWindowLowest, remaining);
            return false;
        }
        boolean newWindow = windowMine == 0 || limit != lastLimit || (knownEnds ? windowEnd - windowEndNanos > sameWindow
                : remaining > windowLowest + Math.max(5, limit > 0 ? limit / 10 : 5));
        if (newWindow) {
            int counted = windowTop - windowLowest;
            if (windowMine > 0 && counted >= SHARE_SAMPLE) {
                lastWindowShare = Math.min(1.0, (double) windowMine / counted);
            }
            lastWindowTop = windowTop;
            lastWindowLowest = windowLowest;
            lastWindowMine = windowMine;
            windowEndNanos = windowEnd;
            windowTop = remaining + 1;
            windowLowest = remaining;
            windowMine = 1;
            return true;
        }
        windowMine++;
        windowLowest = Math.min(windowLowest, remaining);
        int counted = windowTop - windowLowest;
        if (counted >= SHARE_SAMPLE) {
            double now = Math.min(1.0, (double) windowMine / counted);
            share = lastWindowShare > 0 ? (now + lastWindowShare) / 2 : now;
        }
        return true;
    }

    /**
     * Whether other nodes spent this budget in the last window of Zendesk's count: it fell by more than this node's
     * answers (read once the window is over: while it runs, this node's own requests in flight fall in the count before
     * their answers arrive).
     */
    private boolean othersSeen() {
        return lastWindowTop - lastWindowLowest - lastWindowMine >= 2;
    }

    /**
     * How many nodes spend this budget, as this node sees it: 1 alone; else its share of the spending read as an
     * equal part (all follow the same rule: replicas doing the same work get about the same part). Another
     * integration spending a little of the account (a share of 0.9) leaves it at 1.
     */
    public synchronized int nodes() {
        return othersSeen() ? (int) Math.max(1, Math.round(1 / Math.max(share, 0.01))) : 1;
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
