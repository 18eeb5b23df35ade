package io.camelzendesk.component.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per refused webhook delivery and reason (bad signature, stale timestamp, too large, too slow, ...),
 * at most one per reason per minute: a flood of forged or oversized posts cannot flood the log. The line after a
 * quiet minute says how many refusals of that reason went unlogged; the rest go to DEBUG. Callers pass no secret
 * (no signature, no body): the reason, the path and the invocation id at most.
 */
final class WebhookRefusalLog {

    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskWebhookConsumer.class);

    private final String path;
    private final WebhookCounters counters;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    WebhookRefusalLog(String path, WebhookCounters counters) {
        this.path = path;
        this.counters = counters;
    }

    /**
     * @param status the HTTP status answered
     * @param reason why, without secrets; also the rate-limit key
     * @param invocationId Zendesk's invocation id, or null
     */
    void refused(int status, String reason, String invocationId) {
        counters.countRefused(reason);
        Window w = windows.computeIfAbsent(reason, r -> new Window());
        long suppressed = w.tryLog(System.nanoTime());
        String id = invocationId == null ? "" : " " + invocationId;
        if (suppressed >= 0) {
            LOG.warn("Zendesk webhook on {}: delivery{} refused with {}: {}{}", path, id, status, reason,
                    suppressed == 0 ? "" : " (" + suppressed + " more refusals of this kind in the last minute"
                                          + " were not logged)");
        } else {
            LOG.debug("Zendesk webhook on {}: delivery{} refused again with {}: {}", path, id, status, reason);
        }
    }

    /** The last time a reason was logged and how many were suppressed since. */
    private static final class Window {
        private long lastLogged;
        private boolean logged;
        private final AtomicLong suppressed = new AtomicLong();

        /** The number suppressed since the last line when this one may be logged, else -1 (and counts it). */
        synchronized long tryLog(long now) {
            if (!logged || now - lastLogged >= INTERVAL_NANOS) {
                logged = true;
                lastLogged = now;
                return suppressed.getAndSet(0);
            }
            suppressed.incrementAndGet();
            return -1;
        }
    }
}
