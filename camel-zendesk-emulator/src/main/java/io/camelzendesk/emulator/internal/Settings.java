package io.camelzendesk.emulator.internal;

import java.time.Duration;

/** Run-time configuration; the admin API may change it, reset() restores the built values. */
public final class Settings implements Cloneable {
    public volatile int requestsPerMinute = 700;
    public volatile int incrementalRequestsPerMinute = 10;
    public volatile Duration recentExclusion = Duration.ofSeconds(60);
    public volatile Duration oauthTokenLifetime = Duration.ofHours(1);
    public volatile Duration webhookRetryBackoff = Duration.ofMillis(200);
    public volatile int webhookMaxAttempts = 4;
    public volatile Duration webhookTimeout = Duration.ofSeconds(10);
    public volatile Duration jobStepDelay = Duration.ofMillis(50);
    public volatile int seed;

    public Settings copy() {
        try {
            return (Settings) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public void restore(Settings from) {
        requestsPerMinute = from.requestsPerMinute;
        incrementalRequestsPerMinute = from.incrementalRequestsPerMinute;
        recentExclusion = from.recentExclusion;
        oauthTokenLifetime = from.oauthTokenLifetime;
        webhookRetryBackoff = from.webhookRetryBackoff;
        webhookMaxAttempts = from.webhookMaxAttempts;
        webhookTimeout = from.webhookTimeout;
        jobStepDelay = from.jobStepDelay;
        seed = from.seed;
    }
}
