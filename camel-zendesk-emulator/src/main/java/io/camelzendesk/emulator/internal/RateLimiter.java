package io.camelzendesk.emulator.internal;

/**
 * Per-minute request budgets: the general Support API, incremental exports, and Help Center (counted apart,
 * as Zendesk does). A fixed window starts at a bucket's first request and lasts 60 s. 0 = unlimited.
 */
public final class RateLimiter {
    /** Which budget a request draws from. */
    public enum Bucket { GENERAL, INCREMENTAL, HELP_CENTER }

    /** The state after a request: whether it was allowed, and the values for the headers. */
    public record Result(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private static final int UNLIMITED_REPORTED = 1_000_000;
    private final Core core;
    private final long[] windowStart = new long[3];
    private final int[] used = new int[3];
    private final long[] allowed = new long[3];
    private final long[] refused = new long[3];

    RateLimiter(Core core) {
        this.core = core;
    }

    public static Bucket bucketFor(String path) {
        if (path.startsWith("/api/v2/incremental/") || path.startsWith("/api/v2/help_center/incremental/")) {
            return Bucket.INCREMENTAL;
        }
        if (path.startsWith("/api/v2/help_center/")) {
            return Bucket.HELP_CENTER;
        }
        return Bucket.GENERAL;
    }

    private int limitOf(Bucket b) {
        return b == Bucket.INCREMENTAL ? core.settings.incrementalRequestsPerMinute : core.settings.requestsPerMinute;
    }

    /** Counts one request (when {@code consume}) and tells whether it fits the budget. */
    public synchronized Result acquire(Bucket b, boolean consume) {
        int i = b.ordinal();
        long now = core.now();
        if (now - windowStart[i] >= 60_000 || now < windowStart[i]) {
            windowStart[i] = now;
            used[i] = 0;
        }
        int limit = limitOf(b);
        long reset = Math.max(1, (windowStart[i] + 60_000 - now + 999) / 1000);
        if (limit <= 0) {
            if (consume) {
                used[i]++;
                allowed[i]++;
            }
            return new Result(true, UNLIMITED_REPORTED, UNLIMITED_REPORTED, reset);
        }
        if (consume && used[i] >= limit) {
            refused[i]++;
            return new Result(false, limit, 0, reset);
        }
        if (consume) {
            used[i]++;
            allowed[i]++;
        }
        return new Result(true, limit, Math.max(0, limit - used[i]), reset);
    }

    /** Requests allowed and refused (429) per budget since the last reset: {bucket: [allowed, refused]}. */
    public synchronized java.util.Map<String, long[]> counts() {
        java.util.Map<String, long[]> out = new java.util.LinkedHashMap<>();
        for (Bucket b : Bucket.values()) {
            out.put(b.name().toLowerCase(java.util.Locale.ROOT), new long[] {allowed[b.ordinal()], refused[b.ordinal()]});
        }
        return out;
    }

    public synchronized void reset() {
        for (int i = 0; i < used.length; i++) {
            used[i] = 0;
            windowStart[i] = 0;
            allowed[i] = 0;
            refused[i] = 0;
        }
    }
}
