package io.camelzendesk.component.export;

import io.camelzendesk.client.ZendeskApiException;

/**
 * How a failing export polls: after the n-th failure in a row it skips 2^(n-1) - 1 polls, so the time between
 * attempts doubles from the poll delay up to a ceiling (5 minutes by default); a success resets it. Tells the
 * consumer when the state changed (healthy to failing, a different error, recovered) so that it logs one line per
 * change instead of a stack trace per poll. Counted in polls, not in time: the scheduler keeps its own clock.
 */
final class ExportFailureBackoff {

    static final long CEILING_MILLIS = 5 * 60_000L;

    /** What a failure changed. */
    enum Change {
        STARTED_FAILING,
        DIFFERENT_ERROR,
        SAME_ERROR
    }

    private final long maxSkipped;
    private volatile int failures;
    private long toSkip;
    private String lastError;

    ExportFailureBackoff(long delayMillis) {
        this.maxSkipped = Math.max(0, CEILING_MILLIS / Math.max(1, delayMillis) - 1);
    }

    /** Whether this poll is skipped (the export is backing off). */
    boolean skipPoll() {
        if (toSkip > 0) {
            toSkip--;
            return true;
        }
        return false;
    }

    /** The next poll makes an attempt (the consumer was restarted). */
    void attemptNow() {
        toSkip = 0;
    }

    Change failed(Exception e) {
        failures++;
        toSkip = Math.min(maxSkipped, (1L << Math.min(failures - 1, 40)) - 1);
        String error = signature(e);
        Change change = failures == 1 ? Change.STARTED_FAILING
                : error.equals(lastError) ? Change.SAME_ERROR : Change.DIFFERENT_ERROR;
        lastError = error;
        return change;
    }

    /** Whether the export was failing until this success. */
    boolean succeeded() {
        boolean recovered = failures > 0;
        failures = 0;
        toSkip = 0;
        lastError = null;
        return recovered;
    }

    int failures() {
        return failures;
    }

    /** Polls until the next attempt. */
    long pollsToNextAttempt() {
        return toSkip + 1;
    }

    /** Two failures are "the same error" when of the same kind and, for Zendesk's answers, the same status. */
    private static String signature(Exception e) {
        if (e instanceof ZendeskApiException api) {
            return e.getClass().getName() + ":" + api.getStatus();
        }
        return e.getClass().getName() + ":" + e.getMessage();
    }
}
