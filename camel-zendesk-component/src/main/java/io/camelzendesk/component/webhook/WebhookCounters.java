package io.camelzendesk.component.webhook;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one webhook consumer did with the deliveries it received, since it started: read by the dev console and the
 * meters. Refusal reasons are the texts the refusal log writes: they carry no secret.
 */
public final class WebhookCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    /** Deliveries acknowledged with 200 and routed. */
    public long accepted() {
        return accepted.sum();
    }

    /** Deliveries acknowledged as a duplicate of one already processed, not routed. */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Deliveries of an event type the consumer does not subscribe to, acknowledged, not routed. */
    public long ignored() {
        return ignored.sum();
    }

    /** Deliveries whose route failed. */
    public long failed() {
        return failed.sum();
    }

    /** Deliveries refused (400, 401, 408, 413) by reason, sorted by reason. */
    public Map<String, Long> refused() {
        Map<String, Long> answer = new TreeMap<>();
        refused.forEach((reason, n) -> answer.put(reason, n.sum()));
        return answer;
    }

    void countAccepted() {
        accepted.increment();
    }

    void countDuplicate() {
        duplicates.increment();
    }

    void countIgnored() {
        ignored.increment();
    }

    void countFailed() {
        failed.increment();
    }

    void countRefused(String reason) {
        refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }
}
