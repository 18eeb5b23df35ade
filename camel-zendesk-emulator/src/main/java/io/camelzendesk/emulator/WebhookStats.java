package io.camelzendesk.emulator;

/**
 * What happened to webhook invocations since the last reset.
 *
 * @param invocations         invocations made (events and trigger notifications, per webhook; a duplicate counts once)
 * @param lost                invocations never delivered by {@link WebhookConditions#loss()}
 * @param duplicated          invocations sent twice by {@link WebhookConditions#duplication()}
 * @param attempts            HTTP requests sent to endpoints (retries and duplicates included)
 * @param failedAttempts      attempts answered with an error status, or with no answer
 * @param circuitBreakerTrips times a webhook's circuit breaker opened
 * @param droppedWhileOpen    attempts not sent because their webhook's circuit breaker was open
 */
public record WebhookStats(long invocations, long lost, long duplicated, long attempts, long failedAttempts,
        long circuitBreakerTrips, long droppedWhileOpen) {
}
