package io.camelzendesk.component.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.api.ApiResource.Incremental;
import io.camelzendesk.client.Page;
import io.camelzendesk.client.ScannedPage;
import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.model.ZendeskObject;

/**
 * Polls Zendesk's Incremental Export (cursor-based for tickets and users, time-based for organizations,
 * ticket_events and Help Center articles), at least once and resumable: the records of a page go to the route as
 * one batch ({@link #processBatch}, with Camel's batch properties), and the position moves only once every exchange
 * of the page completed. A route failure, a graceful stop or {@code maxMessagesPerPoll} ends the batch early: the
 * position stays, the records processed are remembered (not delivered again), and the page is read again next time.
 * Greedy: while the export has more, the next page is fetched at once, paced by the export budget.
 */
public class ZendeskExportConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskExportConsumer.class);
    private final ZendeskEndpoint endpoint;
    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private final ExportPaging paging;
    private final ExportProgress progress = new ExportProgress();
    private ZendeskClient client;
    /** The account's ticket fields, when records bring their custom fields by title. */
    private io.camelzendesk.api.TicketFieldsApi ticketFields;
    private ExportPositionStore store;
    private ZendeskExportHealthCheck healthCheck;
    private ExportFailureBackoff backoff;
    /** The failure already logged or handed to the exception handler: Camel's poll loop does not report it again. */
    private volatile Throwable reported;

    // the poll in progress (the polling thread only)
    private ExportPosition position;
    private Exception routeFailure;
    private int exchangesThisPoll;
    private int recordsOfBatch;

    /** One exchange's records (one, or a page with pageAsList) and what the position remembers once processed. */
    private record Delivery(List<ZendeskObject> records, List<ExportPosition.Key> keys,
            Map<String, Map<Object, Map<String, Object>>> sideloads, String where) {
    }

    public ZendeskExportConsumer(ZendeskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.resource = endpoint.getZendeskResource();
        this.config = endpoint.getConfiguration();
        this.paging = new ExportPaging(resource, config);
    }

    @Override
    protected void doStart() throws Exception {
        client = endpoint.client();
        ticketFields = config.isCustomFieldsByName() ? endpoint.account().api()
                .withTicketFieldsMaxAge(java.time.Duration.ofMillis(config.getTicketFieldsCacheTtl())).ticketFields()
                : null;
        store = ExportPositionStore.open(this, config, client.config().baseUrl().getAuthority());
        if (backoff == null) {
            backoff = new ExportFailureBackoff(getDelay());
        }
        // a restarted route tries at once; whether it was failing is remembered, to log its recovery
        backoff.attemptNow();
        healthCheck = new ZendeskExportHealthCheck(this);
        // healthCheckConsumerEnabled=false turns off the consumer's checks: Camel's and this one
        healthCheck.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null) {
            healthCheck.setCamelContext(getEndpoint().getCamelContext());
            registry.register(healthCheck);
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null && healthCheck != null) {
            registry.unregister(healthCheck);
        }
        if (store != null) {
            store.close();
        }
    }

    /**
     * One poll. A failure (Zendesk refusing the credentials, unreachable, ...) fails the poll for Camel (its consumer
     * health check is DOWN with it) but is logged here, once per change of state (failing, failing differently,
     * recovered), not as a stack trace per poll; the export backs off, doubling the time between attempts up to 5
     * minutes, and a poll skipped meanwhile fails with the same error, without a request.
     */
    @Override
    protected int poll() throws Exception {
        if (backoff.skipPoll() && reported instanceof Exception failure) {
            throw failure;
        }
        progress.pollStarted();
        routeFailure = null;
        exchangesThisPoll = 0;
        int processed;
        try {
            processed = exportPages();
        } catch (Exception e) {
            progress.failed(e);
            progress.pollEnded();
            ExportFailureBackoff.Change change = backoff.failed(e);
            if (change != ExportFailureBackoff.Change.SAME_ERROR && isRunAllowed()) {
                LOG.warn("Zendesk {} export of route {} {}: {}; the position stays where it was, next attempt in {}"
                         + " ms (the wait doubles while it fails, up to {} s)", resource, getRouteId(),
                        change == ExportFailureBackoff.Change.STARTED_FAILING ? "is failing" : "fails differently",
                        e.getMessage(), backoff.pollsToNextAttempt() * getDelay(),
                        ExportFailureBackoff.CEILING_MILLIS / 1000);
            }
            LOG.debug("Zendesk {} export of route {} failed ({} in a row)", resource, getRouteId(),
                    backoff.failures(), e);
            if (e instanceof ZendeskApiException api) {
                addLastErrorDetail(HealthCheck.HTTP_RESPONSE_CODE, api.getStatus());
            }
            reported = e;
            throw e;
        }
        progress.pollEnded();
        if (backoff.succeeded()) {
            LOG.info("Zendesk {} export of route {} recovered: polling again every {} ms", resource, getRouteId(),
                    getDelay());
        }
        if (routeFailure != null) {
            // already handed to the exception handler with its exchange: the poll fails with it, so that Camel's
            // consumer health check is DOWN until a poll completes
            reported = routeFailure;
            throw routeFailure;
        }
        return processed;
    }

    /**
     * Reads pages until the export is at its end. While the records of a page are delivered, the next page is
     * already requested (paced by the export budget), so the network and Zendesk's time overlap with the route's.
     * Returns the number of records delivered.
     */
    private int exportPages() throws Exception {
        position = store.load();
        int processed = 0;
        CompletableFuture<? extends ZendeskResponse<? extends ScannedPage<? extends ZendeskObject>>> fetching
                = paging.fetch(client, position);
        try {
            while (true) {
                ScannedPage<? extends ZendeskObject> page;
                try {
                    page = fetching.get().body();
                } catch (ExecutionException e) {
                    ZendeskException failure = ZendeskClient.unwrap(e.getCause());
                    if (failure instanceof ZendeskApiException api && ExportPaging.isTooRecent(api)) {
                        LOG.debug("Zendesk {} export: start_time {} is too recent, no new data", resource,
                                position.startTime);
                        progress.positionAt(position, true);
                        return processed;
                    }
                    throw failure;
                }
                Page<? extends ZendeskObject> envelope = page.envelope();
                ExportPaging.Next next = paging.next(position, envelope);
                // the next page is requested now: it arrives while this one is delivered
                fetching = fetchAfter(next);
                Queue<Object> batch = batch(page);
                if (!page.envelope().equals(envelope)) {
                    // finding the items showed the envelope was read from the wrong place: the next page is the
                    // one the envelope read again names
                    if (fetching != null) {
                        fetching.cancel(false);
                    }
                    next = paging.next(position, page.envelope());
                    fetching = fetchAfter(next);
                }
                int exchanges = batch.size();
                recordsOfBatch = 0;
                boolean completed = processBatch(batch) == exchanges;
                processed += recordsOfBatch;
                if (!completed) {
                    // the route failed, a graceful stop, or maxMessagesPerPoll: the cursor stays, what was
                    // processed is remembered (not delivered again), and the page is read again on the next poll
                    progress.delivered(recordsOfBatch);
                    store.store(position);
                    progress.positionAt(position, false);
                    return processed;
                }
                next.applyTo(position);
                position.pageCompleted(resource.export() == Incremental.Style.CURSOR && next.cursor() != null);
                if (!store.store(position)) {
                    return processed;
                }
                progress.page(recordsOfBatch, position, client.metrics().waitedMillis(), resource,
                        next.endOfStream());
                // ready for Camel's readiness check once a page is in, not only when a first (long) poll ends
                forceConsumerAsReady();
                if (fetching == null || !morePagesAllowed()) {
                    return processed;
                }
            }
        } finally {
            if (fetching != null) {
                fetching.cancel(false);
            }
        }
    }

    /** Asks for the page after this one, unless the export is at its end or no more pages may be read now. */
    private CompletableFuture<? extends ZendeskResponse<? extends ScannedPage<? extends ZendeskObject>>> fetchAfter(
            ExportPaging.Next next) {
        return !next.endOfStream() && morePagesAllowed() ? paging.fetch(client, next.position(position)) : null;
    }

    /** Whether another page may be read in this poll: not while stopping, nor past maxMessagesPerPoll. */
    private boolean morePagesAllowed() {
        return isRunAllowed() && !isSuspendingOrSuspended() && shutdownRunningTask == null
               && (maxMessagesPerPoll <= 0 || exchangesThisPoll < maxMessagesPerPoll);
    }

    /**
     * The page's records not processed before (per the position's window): one delivery each, or one for all. A
     * cursor page none of whose records was processed before (the window is empty once the cursor moved) is decoded
     * one record at a time, as the records are delivered: only the record in flight is held, never the whole page.
     */
    private Queue<Object> batch(ScannedPage<? extends ZendeskObject> page) throws Exception {
        Map<String, Map<Object, Map<String, Object>>> sideloads = ExportRecords.indexSideloads(page.envelope());
        String where = position.describe();
        if (!config.isPageAsList() && page.itemCount() >= 0 && position.windowSize() == 0
                && resource.export() == Incremental.Style.CURSOR) {
            Iterator<? extends ZendeskObject> records = paging.reader().items(page);
            return new DecodingBatch<>(page.itemCount(), () -> {
                ZendeskObject record = records.next();
                return new Delivery(List.of(record), Arrays.asList(ExportRecords.key(record)), sideloads, where);
            });
        }
        Queue<Object> batch = new ArrayDeque<>();
        List<ZendeskObject> all = new ArrayList<>();
        List<ExportPosition.Key> allKeys = new ArrayList<>();
        int duplicates = 0;
        for (Iterator<? extends ZendeskObject> records = paging.reader().items(page); records.hasNext(); ) {
            ZendeskObject record = records.next();
            ExportPosition.Key key = ExportRecords.key(record);
            if (key != null && position.alreadyProcessed(key)) {
                duplicates++;
            } else if (config.isPageAsList()) {
                all.add(record);
                allKeys.add(key);
            } else {
                batch.add(new Delivery(List.of(record), Arrays.asList(key), sideloads, where));
            }
        }
        if (!all.isEmpty()) {
            batch.add(new Delivery(all, allKeys, sideloads, where));
        }
        progress.duplicates(duplicates);
        return batch;
    }

    /**
     * Delivers a page's records, one exchange after the other, with Camel's batch properties; stops at the first
     * failed exchange, when a graceful stop forbids the rest (the exchange in flight completes), or at
     * maxMessagesPerPoll. Each processed record is remembered in the position's window.
     *
     * @return the number of exchanges processed
     */
    @Override
    public int processBatch(Queue<Object> deliveries) throws Exception {
        int total = deliveries.size();
        if (maxMessagesPerPoll > 0) {
            total = Math.max(0, Math.min(total, maxMessagesPerPoll - exchangesThisPoll));
        }
        int index = 0;
        for (; index < total && isBatchAllowed(); index++) {
            Delivery delivery = (Delivery) deliveries.poll();
            Exchange exchange = exchange(delivery);
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            boolean done = process(exchange, delivery);
            if (!done) {
                break;
            }
            for (int i = 0; i < delivery.records().size(); i++) {
                ExportPosition.Key key = delivery.keys().get(i);
                if (key != null) {
                    position.remember(key, config.getDedupeWindow());
                }
                position.recordTime = Math.max(position.recordTime,
                        key != null ? key.timestamp() : ExportRecords.timestamp(delivery.records().get(i)));
            }
            recordsOfBatch += delivery.records().size();
            exchangesThisPoll++;
        }
        pendingExchanges = 0;
        return index;
    }

    /** The exchange of one record (its headers, the side-loads it references) or of a page (a List body). */
    private Exchange exchange(Delivery delivery) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        m.setHeader(ZendeskConstants.RESOURCE, resource.uriName());
        m.setHeader(ZendeskConstants.POSITION, delivery.where());
        Map<String, Map<Object, Map<String, Object>>> sideloads = delivery.sideloads();
        if (config.isPageAsList()) {
            m.setBody(new ArrayList<>(delivery.records()));
            if (!sideloads.isEmpty()) {
                m.setHeader(ZendeskConstants.SIDELOADS, sideloads);
            }
            return exchange;
        }
        ZendeskObject record = delivery.records().get(0);
        ExportPosition.Key key = delivery.keys().get(0);
        m.setBody(record);
        m.setHeader(ZendeskConstants.ID, key != null ? key.id() : record.getId());
        m.setHeader(ZendeskConstants.UPDATED_AT, record.get("updated_at"));
        Object generated = record.get("generated_timestamp");
        if (generated != null) {
            m.setHeader(ZendeskConstants.GENERATED_TIMESTAMP, generated);
        }
        RecordHeaders.sideloads(m, record, sideloads);
        RecordHeaders.customFieldsByName(m, record, ticketFields);
        return exchange;
    }

    private boolean process(Exchange exchange, Delivery delivery) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            routeFailure = failure;
            progress.failed(failure);
            String what = delivery.records().size() > 1 ? "page at " + delivery.where()
                    : resource.api().singular() + " " + (delivery.keys().get(0) != null ? delivery.keys().get(0).id()
                            : delivery.records().get(0).get("id"));
            getExceptionHandler().handleException("Processing " + what + " failed; the export position stays"
                                                  + " where it was and the page is read again on the next poll",
                    exchange, failure);
        }
        releaseExchange(exchange, false);
        return failure == null;
    }

    /** The endpoint's exception handler, told nothing this consumer already reported. */
    @Override
    public ExceptionHandler getExceptionHandler() {
        return new UnlessReported(super.getExceptionHandler(), () -> reported);
    }

    public static long parseStartTime(String value) {
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(v);
        }
        try {
            return Instant.parse(v).getEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("Option startTime '" + value + "' is neither ISO-8601"
                                                   + " (2024-01-31T00:00:00Z, 2024-01-31) nor epoch seconds");
            }
        }
    }

    /** Records, pages, rate, position and lag of this export: read-only, from any thread. */
    public ExportProgress progress() {
        return progress;
    }

    /** The key this export's position is stored under, whether or not the consumer runs. */
    public String positionKey() {
        return ExportPositionStore.keyOf(this, config, endpoint.client().config().baseUrl().getAuthority());
    }

    /** The key of this export's stored position (null before the consumer started). */
    public String stateKey() {
        ExportPositionStore s = store;
        return s == null ? null : s.key();
    }

    ZendeskResource resource() {
        return resource;
    }
}
