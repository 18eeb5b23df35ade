package io.camelzendesk.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhook invocations travel, as Zendesk's do in the field: some are lost (dropped after their retries, or never
 * sent), some arrive twice (two invocations, two invocation ids, the same body), all after a delay that reorders
 * them. Applies to event-subscribed and trigger-connected webhooks alike; the choices come from a seeded random, so a
 * test can repeat them.
 *
 * @param loss        probability that an invocation is never delivered, 0 to 1
 * @param duplication probability that an invocation is delivered twice, 0 to 1
 * @param minDelay    the least an invocation waits before its first attempt
 * @param maxDelay    the most it waits (uniform between the two)
 * @param seed        the random's seed
 */
public record WebhookConditions(double loss, double duplication, Duration minDelay, Duration maxDelay, long seed) {

    /** Every invocation delivered once, at once: the emulator's default. */
    public static final WebhookConditions NONE = new WebhookConditions(0, 0, Duration.ZERO, Duration.ZERO, 0);

    public WebhookConditions {
        if (loss < 0 || loss > 1 || duplication < 0 || duplication > 1) {
            throw new IllegalArgumentException("loss and duplication are probabilities (0 to 1): " + loss + ", "
                                               + duplication);
        }
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay: " + minDelay + ", " + maxDelay);
        }
    }
}
