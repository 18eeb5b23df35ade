package io.camelzendesk.client;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one client: read by health checks, tests and benchmarks. */
public final class ZendeskClientMetrics {

    final LongAdder requests = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder waitedNanos = new LongAdder();

    /** HTTP requests sent (every attempt counts). */
    public long requests() {
        return requests.sum();
    }

    /** Attempts that were a retry of an earlier attempt. */
    public long retries() {
        return retries.sum();
    }

    /** 429 responses received. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** Requests that finally failed (after retries). */
    public long failures() {
        return failures.sum();
    }

    /** Total time requests waited for the rate limiter, {@code Retry-After} and backoff, in milliseconds. */
    public long waitedMillis() {
        return waitedNanos.sum() / 1_000_000;
    }

    @Override
    public String toString() {
        return "requests=" + requests() + " retries=" + retries() + " rateLimited=" + rateLimited()
                + " failures=" + failures() + " waitedMs=" + waitedMillis();
    }
}
