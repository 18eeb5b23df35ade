package io.camelzendesk.component.realtime;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What a realtime consumer did, by path (dev console, health check): read from any thread. */
public final class RealtimeCounters {

    private final AtomicLong byWebhook = new AtomicLong();
    private final AtomicLong byExport = new AtomicLong();
    private final AtomicLong alreadyDelivered = new AtomicLong();
    private final AtomicLong leftToExport = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastWebhookDelivery;

    /** Changes the route received from a webhook event. */
    public long byWebhook() {
        return byWebhook.get();
    }

    /** Changes the route received from the export: those no webhook delivered (lost, late, the app down, ...). */
    public long byExport() {
        return byExport.get();
    }

    /** Webhook events and export records not routed because a version at least as new already was. */
    public long alreadyDelivered() {
        return alreadyDelivered.get();
    }

    /** Webhook events acknowledged without routing because another delivery held the object: the export follows. */
    public long leftToExport() {
        return leftToExport.get();
    }

    /** Deliveries whose route failed (a webhook delivery is then retried by Zendesk, a record by the export). */
    public long failed() {
        return failed.get();
    }

    /** When the route last received a change from a webhook, or null. */
    public Instant lastWebhookDelivery() {
        return lastWebhookDelivery;
    }

    void countDelivered(boolean webhook) {
        if (webhook) {
            byWebhook.incrementAndGet();
            lastWebhookDelivery = Instant.now();
        } else {
            byExport.incrementAndGet();
        }
    }

    void countAlreadyDelivered() {
        alreadyDelivered.incrementAndGet();
    }

    void countLeftToExport() {
        leftToExport.incrementAndGet();
    }

    void countFailed() {
        failed.incrementAndGet();
    }
}
