package io.camelzendesk.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before sending a failed request again: {@code Retry-After} on 429 (and on 503 when
 * present), exponential backoff with full jitter on 5xx, connection failures and timeouts; bounded by a number of
 * retries and a total deadline.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** A status worth retrying: 429 and the transient 5xx. */
    public static boolean retryableStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The wait after a {@code Retry-After}: at least that, plus a random part of up to as much again (at most a
     * second), so that the nodes Zendesk refused together (on a per-second limit, say) do not all come back at once.
     */
    static Duration afterRetryAfter(Duration retryAfter) {
        long ms = Math.min(retryAfter.toMillis(), 1000);
        return ms <= 0 ? retryAfter : retryAfter.plusMillis(ThreadLocalRandom.current().nextLong(ms + 1));
    }

    /** Backoff before retry number {@code retry} (1-based): random in [initial/2, min(max, initial * 2^(retry-1))]. */
    public Duration backoff(int retry) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 20));
        long floor = Math.min(cap, initialBackoff.toMillis() / 2);
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(cap - floor + 1));
    }
}
