package io.camelzendesk.component.realtime;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.api.ApiResource;
import io.camelzendesk.api.ResourceApi;
import io.camelzendesk.api.Sideloaded;
import io.camelzendesk.api.TicketFieldsApi;
import io.camelzendesk.api.ZendeskApi;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.client.ZendeskNotFoundException;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.export.RecordHeaders;
import io.camelzendesk.model.WebhookEvent;
import io.camelzendesk.model.ZendeskObject;

/**
 * The two ways a change reaches a realtime consumer's route, both through the {@link DeliveryLedger}: claim the
 * object, route the current object, commit the version (or release the claim when the route failed).
 * <ul>
 * <li>{@link #onEvent}: a webhook event, verified and deduplicated by the webhook consumer. An event whose version
 * ({@code detail.updated_at}) was delivered already is dropped without a request; otherwise the object is read
 * (one GET: the event's detail lacks custom fields and more) and routed. A route failure fails the delivery (503:
 * Zendesk retries it). When another delivery holds the object for longer than {@link #WEBHOOK_WAIT_MILLIS}, the
 * event is acknowledged and left to the export.</li>
 * <li>{@link #onRecord}: a record of the incremental export. Routed unless a version at least as new was delivered;
 * while another delivery holds the object it waits, up to the lease, so that the export's position never moves
 * past a change still in flight elsewhere.</li>
 * </ul>
 */
final class RealtimeDelivery {

    static final String BY_WEBHOOK = "webhook";
    static final String BY_EXPORT = "export";
    /** How long a webhook delivery waits for another delivery of its object (Zendesk gives up after about 10 s). */
    static final long WEBHOOK_WAIT_MILLIS = 5_000;
    private static final long CLAIM_POLL_MILLIS = 100;
    private static final int STALE_READ_RETRIES = 2;
    private static final long STALE_READ_PAUSE_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskRealtimeConsumer.class);

    private final ZendeskRealtimeConsumer consumer;
    private final ApiResource<?> resource;
    private final RealtimeCounters counters;
    private final long leaseMillis;
    private volatile DeliveryLedger ledger;
    private volatile ResourceApi<?> objects;
    /** Side-loads read with each object (option include), for the route's headers; null: none. */
    private final String include;
    private final boolean customFieldsByName;
    private volatile TicketFieldsApi ticketFields;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    RealtimeDelivery(ZendeskRealtimeConsumer consumer, ApiResource<?> resource, RealtimeCounters counters,
                     long leaseMillis, String include, boolean customFieldsByName) {
        this.include = include;
        this.customFieldsByName = customFieldsByName;
        this.consumer = consumer;
        this.resource = resource;
        this.counters = counters;
        this.leaseMillis = leaseMillis;
    }

    /** @param api the account's API (its ticket-field cache), read with the endpoint's cache TTL */
    void start(DeliveryLedger ledger, ZendeskApi api) {
        this.ledger = ledger;
        this.objects = api.resource(resource);
        this.ticketFields = customFieldsByName ? api.ticketFields() : null;
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    /** The webhook path; throws when the change was not delivered and Zendesk should retry. */
    void onEvent(Exchange delivery) throws Exception {
        inFlight.incrementAndGet();
        try {
            deliverEvent(delivery);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void deliverEvent(Exchange delivery) throws Exception {
        WebhookEvent event = delivery.getMessage().getBody(WebhookEvent.class);
        Long id = event == null ? null : parseId(event.getSubjectId());
        if (id == null) {
            LOG.debug("Zendesk realtime {}: a delivery without a subject id ignored", resource.name());
            return;
        }
        // the version the event announces; without one (article events) the object is read first
        long version = epochSeconds(event.getDetail() == null ? null : event.getDetail().get("updated_at"));
        Current current = null;
        if (version == 0) {
            current = fetch(id, event);
            version = versionOf(current.object());
        }
        DeliveryLedger.Claim claim = claim(id, version, WEBHOOK_WAIT_MILLIS);
        if (claim.outcome() == DeliveryLedger.Outcome.DELIVERED) {
            counters.countAlreadyDelivered();
            return;
        }
        if (claim.outcome() == DeliveryLedger.Outcome.BUSY) {
            LOG.debug("Zendesk realtime {} {}: still held by another delivery; left to the export", resource.singular(),
                    id);
            counters.countLeftToExport();
            return;
        }
        Exchange exchange = null;
        try {
            if (current == null) {
                current = fetchAtLeast(id, event, version);
            }
            if (current == null) {
                // Zendesk still answers an older version than the event's: delivering it would mark the event's
                // version delivered without the route having seen it. The export brings it.
                LOG.debug("Zendesk realtime {} {}: read older than its event; left to the export", resource.singular(),
                        id);
                ledger.release(claim);
                counters.countLeftToExport();
                return;
            }
            exchange = consumer.createExchange(false);
            Message m = exchange.getMessage();
            delivery.getMessage().getHeaders().forEach((name, value) -> {
                if (name.startsWith("CamelZendesk")) {
                    m.setHeader(name, value);
                }
            });
            long delivered = Math.max(version, versionOf(current.object()));
            RecordHeaders.sideloads(m, current.object(), current.sideloads());
            RecordHeaders.customFieldsByName(m, current.object(), ticketFields);
            route(exchange, current.object(), claim, delivered, BY_WEBHOOK);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } catch (Exception | Error e) {
            if (exchange == null) {
                ledger.release(claim);
            }
            throw e;
        } finally {
            if (exchange != null) {
                consumer.releaseExchange(exchange, false);
            }
        }
    }

    /** The export path: the exchange is the export consumer's; a failure stays on it (the position stays). */
    void onRecord(Exchange exchange) throws Exception {
        inFlight.incrementAndGet();
        try {
            deliverRecord(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Waits, up to {@code maxMillis}, for the deliveries under way to commit or release their claims: the consumer
     * stops its inputs first, then this, then closes the ledger's store (a claim left behind would hold its object
     * for a whole lease).
     */
    boolean awaitIdle(long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return inFlight.get() == 0;
    }

    private void deliverRecord(Exchange exchange) throws Exception {
        ZendeskObject record = exchange.getMessage().getBody(ZendeskObject.class);
        if (Integer.valueOf(0).equals(exchange.getProperty(ExchangePropertyKey.BATCH_INDEX))) {
            consumer.exportedUpTo().ifPresent(t -> ledger.exportedUpTo(t.getEpochSecond()));
        }
        long version = versionOf(record);
        DeliveryLedger.Claim claim = claim(record.getId(), version, leaseMillis + CLAIM_POLL_MILLIS);
        switch (claim.outcome()) {
            case DELIVERED -> counters.countAlreadyDelivered();
            case BUSY -> throw new IllegalStateException("Zendesk " + resource.singular() + " " + record.getId()
                                                         + " is still held by another delivery (until "
                                                         + Instant.ofEpochMilli(claim.busyUntil()) + "): the export"
                                                         + " reads it again at its next poll");
            default -> route(exchange, record, claim, version, BY_EXPORT);
        }
    }

    /** Routes the object; commits the claim when the route completed, releases it when it failed. */
    private void route(Exchange exchange, ZendeskObject object, DeliveryLedger.Claim claim, long version, String by) {
        Message m = exchange.getMessage();
        m.setBody(object);
        m.setHeader(ZendeskConstants.ID, object.getId());
        m.setHeader(ZendeskConstants.UPDATED_AT, object.get("updated_at"));
        m.setHeader(ZendeskConstants.RESOURCE, resource.name());
        m.setHeader(ZendeskConstants.DELIVERED_BY, by);
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            counters.countFailed();
            ledger.release(claim);
            return;
        }
        ledger.commit(claim, version);
        counters.countDelivered(BY_WEBHOOK.equals(by));
    }

    /** Claims the object, waiting up to {@code maxWaitMillis} while another delivery holds it. */
    private DeliveryLedger.Claim claim(long id, long version, long maxWaitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxWaitMillis;
        while (true) {
            DeliveryLedger.Claim claim = ledger.claim(id, version);
            if (claim.outcome() != DeliveryLedger.Outcome.BUSY || System.currentTimeMillis() >= deadline
                    || !consumer.isRunAllowed()) {
                return claim;
            }
            Thread.sleep(CLAIM_POLL_MILLIS);
        }
    }

    /**
     * The current object, at least at {@code version}: a read that returns an older one (a replica behind) is made
     * again, twice, half a second apart; null when it stays older.
     */
    private Current fetchAtLeast(long id, WebhookEvent event, long version) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Current current = fetch(id, event);
            if (versionOf(current.object()) >= version || versionOf(current.object()) == 0) {
                return current;
            }
            if (attempt == STALE_READ_RETRIES) {
                return null;
            }
            Thread.sleep(STALE_READ_PAUSE_MILLIS);
        }
    }

    /** An object read, and what was side-loaded with it. */
    private record Current(ZendeskObject object, Map<String, Map<Object, Map<String, Object>>> sideloads) {
    }

    /** The current object (with its side-loads, option include); one deleted since the event is the event's detail. */
    private Current fetch(long id, WebhookEvent event) {
        try {
            if (include != null) {
                Sideloaded<?> read = objects.get(id, include).join().body();
                return new Current((ZendeskObject) read.object(), read.sideloads());
            }
            return new Current(objects.get(id).join().body(), Map.of());
        } catch (CompletionException e) {
            ZendeskException failure = ZendeskClient.unwrap(e.getCause());
            if (failure instanceof ZendeskNotFoundException && event.getDetail() != null) {
                ZendeskObject gone = ZendeskJson.MAPPER.convertValue(event.getDetail(), resource.modelType());
                gone.set("id", id);
                return new Current(gone, Map.of());
            }
            throw failure;
        }
    }

    /** An object's version: its updated_at in epoch seconds (0 when it has none). */
    static long versionOf(ZendeskObject object) {
        return epochSeconds(object.get("updated_at"));
    }

    private static long epochSeconds(Object iso) {
        if (iso == null) {
            return 0;
        }
        try {
            return Instant.parse(iso.toString()).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private static Long parseId(String id) {
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
