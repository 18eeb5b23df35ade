package io.camelzendesk.emulator.internal;

import io.camelzendesk.emulator.Consent;

import java.time.Duration;

/** Run-time configuration; the admin API may change it, reset() restores the built values. */
public final class Settings implements Cloneable {
    public volatile int requestsPerMinute = 700;
    public volatile int incrementalRequestsPerMinute = 10;
    public volatile boolean endpointLimits;
    public volatile Duration recentExclusion = Duration.ofSeconds(60);
    public volatile Duration oauthTokenLifetime = Duration.ofMinutes(30);
    public volatile Duration refreshTokenLifetime = Duration.ofDays(30);
    public volatile boolean apiTokensEnabled = true;
    public volatile Consent oauthConsent = Consent.AUTO_APPROVE;
    public volatile boolean alwaysSendExpiresIn;
    public volatile Duration webhookRetryBackoff = Duration.ofMillis(200);
    public volatile int webhookMaxAttempts = 4;
    public volatile Duration webhookTimeout = Duration.ofSeconds(10);
    public volatile boolean webhookCircuitBreaker;
    public volatile Duration webhookCircuitBreakerPause = Duration.ofSeconds(5);
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
        endpointLimits = from.endpointLimits;
        recentExclusion = from.recentExclusion;
        oauthTokenLifetime = from.oauthTokenLifetime;
        refreshTokenLifetime = from.refreshTokenLifetime;
        apiTokensEnabled = from.apiTokensEnabled;
        oauthConsent = from.oauthConsent;
        alwaysSendExpiresIn = from.alwaysSendExpiresIn;
        webhookRetryBackoff = from.webhookRetryBackoff;
        webhookMaxAttempts = from.webhookMaxAttempts;
        webhookTimeout = from.webhookTimeout;
        webhookCircuitBreaker = from.webhookCircuitBreaker;
        webhookCircuitBreakerPause = from.webhookCircuitBreakerPause;
        jobStepDelay = from.jobStepDelay;
        seed = from.seed;
    }
}
