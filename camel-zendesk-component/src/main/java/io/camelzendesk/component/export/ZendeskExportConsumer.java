package io.camelzendesk.component.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.camel.CamelContext;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.client.Budget;
import io.camelzendesk.client.Page;
import io.camelzendesk.client.PageReader;
import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.component.position.FilePositionRepository;
import io.camelzendesk.model.ZendeskObject;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.position.CompareAndSetStateRepository;

/**
 * Polls Zendesk's Incremental Export (cursor-based for tickets and users, time-based for organizations,
 * ticket_events and Help Center articles), at least once and resumable: the position is stored only after every
 * exchange of a page completed, so a failure leaves it where it was and the page is read again on the next poll.
 * Greedy: while the export has more, the next page is fetched at once, paced by the export budget.
 */
public class ZendeskExportConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskExportConsumer.class);
    private final ZendeskEndpoint endpoint;
    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private final PageReader<? extends ZendeskObject> reader;
    private ZendeskClient client;
    private StateRepository<String, String> state;
    private boolean ownsState;
    private String stateKey;
    /** The position as last read from or written to the repository (what a compare-and-set expects). */
    private String storedPosition;
    private ZendeskExportHealthCheck healthCheck;
    private final ExportProgress progress = new ExportProgress();
    private ExportFailureBackoff backoff;

    public ZendeskExportConsumer(ZendeskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.resource = endpoint.getZendeskResource();
        this.config = endpoint.getConfiguration();
        this.reader = new PageReader<>(resource.plural(), resource.modelType(), config.getInclude() != null);
    }

    @Override
    protected void doStart() throws Exception {
        client = endpoint.client();
        Route route = route();
        String legacyKey = null;
        if (getRouteId() == null && route != null) {
            // behind a delegating endpoint (master:...) Camel gives this consumer no route id: take the route's.
            // (earlier versions keyed its position by "<host>/<resource>/null": carried over below)
            setRouteId(route.getRouteId());
            legacyKey = client.config().baseUrl().getAuthority() + "/" + resource.uriName() + "/null";
        }
        stateKey = positionKey(route);
        state = config.getStateRepository();
        if (state == null) {
            state = config.isStateInMemory() ? new MemoryStateRepository()
                    : FilePositionRepository.inDirectory(config.getStateDirectory());
            ownsState = true;
        }
        ServiceHelper.startService(state);
        try {
            if (legacyKey != null && config.getStateKey() == null) {
                carryOver(legacyKey);
            }
            // a stored position that cannot be read stops this consumer here, naming the store and the key
            readStoredPosition();
        } catch (RuntimeException e) {
            if (ownsState) {
                ServiceHelper.stopService(state);
            }
            throw e;
        }
        if (backoff == null) {
            backoff = new ExportFailureBackoff(getDelay());
        }
        // a restarted route tries at once; whether it was failing is remembered, to log its recovery
        backoff.attemptNow();
        healthCheck = new ZendeskExportHealthCheck(this);
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
        if (ownsState) {
            ServiceHelper.stopService(state);
        }
    }

    /**
     * The key of the position: {@code stateKey}, else the account host, the resource and the route's own id. A
     * generated route id changes when a route is added before this one, and the export would start over (or, from
     * now, skip what changed while it was down): such a consumer refuses to start.
     */
    private String positionKey(Route route) {
        String key = config.getStateKey();
        if (key == null || key.isBlank()) {
            // Camel marks the id of a kamelet's route as custom even when it generated it (zendesk-source-1)
            boolean generated = route == null || !route.isCustomId() || route.isCreatedByKamelet();
            if (generated && !config.isStateInMemory()) {
                throw new IllegalStateException("The Zendesk " + resource.uriName() + " export consumer of route "
                                                + getRouteId() + " needs a stable key for its stored position: give"
                                                + " the route an id (YAML id:, Java .routeId(...)) or set the"
                                                + " endpoint option stateKey (in a kamelet: its stateKey). The id '"
                                                + getRouteId() + "' is generated and changes when routes are added,"
                                                + " and the export would start over");
            }
            key = client.config().baseUrl().getAuthority() + "/" + resource.uriName() + "/" + getRouteId();
        }
        if (key.indexOf('=') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Option stateKey must not contain '=' or line breaks: " + key);
        }
        return key;
    }

    /** The route this consumer feeds: its own, or the one whose endpoint delegates to this one's (master:...). */
    private Route route() {
        CamelContext context = getEndpoint().getCamelContext();
        if (getRouteId() != null) {
            return context.getRoute(getRouteId());
        }
        for (Route r : context.getRoutes()) {
            for (Endpoint e = r.getEndpoint(); e instanceof DelegateEndpoint d; ) {
                e = d.getEndpoint();
                if (e == getEndpoint()) {
                    return r;
                }
            }
        }
        return null;
    }

    /** A position stored under the key of an older version is carried over to this one's key, never dropped. */
    private void carryOver(String legacyKey) {
        String legacy = state.getState(legacyKey);
        if (legacy == null || state.getState(stateKey) != null) {
            return;
        }
        boolean moved = state instanceof CompareAndSetStateRepository shared
                ? shared.compareAndSet(stateKey, null, legacy) : setAndTrue(legacy);
        if (moved) {
            LOG.info("Zendesk {} export: the position stored under {} now lives under {}", resource, legacyKey,
                    stateKey);
        }
    }

    private boolean setAndTrue(String value) {
        state.setState(stateKey, value);
        return true;
    }

    /**
     * One poll. A failure (Zendesk refusing the credentials, unreachable, ...) does not propagate to Camel, which
     * would log its stack trace on every poll: the export logs one line when its state changes (failing, failing
     * differently, recovered) and backs off, doubling the time between attempts up to 5 minutes.
     */
    @Override
    protected int poll() throws Exception {
        if (backoff.skipPoll()) {
            return 0;
        }
        progress.pollStarted();
        try {
            int processed = exportPages();
            progress.pollSucceeded();
            if (backoff.succeeded()) {
                LOG.info("Zendesk {} export of route {} recovered: polling again every {} ms", resource, getRouteId(),
                        getDelay());
            }
            return processed;
        } catch (Exception e) {
            progress.pollFailed(e);
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
            return 0;
        }
    }

    /**
     * Reads pages until the export is at its end. While the records of a page are decoded and delivered, the next
     * page is already requested (paced by the export budget), so the network and Zendesk's time overlap with the
     * route's. The position moves only after every record of a page was processed.
     */
    private int exportPages() throws Exception {
        ExportPosition position = loadPosition();
        int processed = 0;
        CompletableFuture<? extends ZendeskResponse<? extends PageReader.Scanned<? extends ZendeskObject>>> fetching
                = fetch(position);
        while (isRunAllowed()) {
            PageReader.Scanned<? extends ZendeskObject> page;
            try {
                page = fetching.get().body();
            } catch (ExecutionException e) {
                ZendeskException failure = ZendeskClient.unwrap(e.getCause());
                if (failure instanceof ZendeskApiException api && isTooRecent(api)) {
                    LOG.debug("Zendesk {} export: start_time {} is too recent, no new data", resource,
                            position.startTime);
                    return processed;
                }
                throw failure;
            }
            Page<? extends ZendeskObject> envelope = page.envelope();
            Next next = next(position, envelope);
            // the next page is requested now: it arrives while this one is delivered
            fetching = next.endOfStream ? null : fetch(next.position(position));
            int delivered = deliver(page.body(), envelope, position);
            if (delivered < 0) {
                // the route failed: the cursor stays, what was processed is remembered (not delivered again), and
                // the page is read again on the next poll; the request already made for the next page is dropped
                fetching = cancel(fetching);
                store(position);
                return processed;
            }
            processed += delivered;
            next.applyTo(position);
            position.pageCompleted(resource.export() == ZendeskResource.Export.CURSOR && next.cursor() != null);
            if (!store(position)) {
                cancel(fetching);
                return processed;
            }
            progress.page(delivered, position, client.metrics().waitedMillis(), resource, next.endOfStream);
            if (next.endOfStream) {
                break;
            }
        }
        cancel(fetching);
        return processed;
    }

    private static <T> CompletableFuture<T> cancel(CompletableFuture<T> f) {
        if (f != null) {
            f.cancel(false);
        }
        return null;
    }

    private CompletableFuture<? extends ZendeskResponse<? extends PageReader.Scanned<? extends ZendeskObject>>> fetch(
            ExportPosition position) {
        return client.send(request(position), reader.scanning());
    }

    /** Where the export goes after a page, once the page has been processed. */
    private record Next(String cursor, long startTime, boolean endOfStream) {

        ExportPosition position(ExportPosition current) {
            ExportPosition p = ExportPosition.startingAt(startTime);
            p.cursor = cursor != null ? cursor : current.cursor;
            return p;
        }

        void applyTo(ExportPosition position) {
            if (cursor != null) {
                position.cursor = cursor;
            }
            position.startTime = startTime;
        }
    }

    private Next next(ExportPosition previous, Page<?> page) {
        if (resource.export() == ZendeskResource.Export.CURSOR) {
            boolean endOfStream = page.endOfStream() == null || page.endOfStream() || page.afterCursor() == null;
            return new Next(page.afterCursor(), previous.startTime, endOfStream);
        }
        boolean endOfStream = page.endOfStream() != null ? page.endOfStream()
                : page.count() != null && page.count() < config.getPerPage();
        long end = page.endTime() != null ? page.endTime() : previous.startTime;
        // a page of items that all share one timestamp ends where it started: it held every item of that second
        // (Zendesk never splits them), so the next page starts one second later instead of looping
        long start = !endOfStream && end <= previous.startTime ? previous.startTime + 1 : end;
        return new Next(null, start, endOfStream);
    }

    /**
     * Decodes the page's records one at a time and delivers those not processed before, remembering each processed
     * one in the position's window. Returns how many were delivered, or -1 when the route failed.
     */
    private int deliver(byte[] body, Page<? extends ZendeskObject> envelope, ExportPosition position)
            throws Exception {
        Map<String, Map<Object, Map<String, Object>>> sideloads = ExportRecords.indexSideloads(envelope);
        Iterator<? extends ZendeskObject> records = reader.items(body);
        // one exchange per record, or one for the whole page (pageAsList)
        int batchSize = config.isPageAsList() ? Integer.MAX_VALUE : 1;
        List<ZendeskObject> batch = new ArrayList<>();
        List<ExportPosition.Key> keys = new ArrayList<>();
        int delivered = 0;
        int duplicates = 0;
        String where = position.describe();
        while (records.hasNext() || !batch.isEmpty()) {
            if (records.hasNext()) {
                ZendeskObject record = records.next();
                ExportPosition.Key key = ExportRecords.key(record);
                if (key != null && position.alreadyProcessed(key)) {
                    duplicates++;
                    continue;
                }
                batch.add(record);
                keys.add(key);
                if (batch.size() < batchSize && records.hasNext()) {
                    continue;
                }
            }
            if (!process(exchange(batch, sideloads, where), batch.size() == 1
                    ? resource.singular() + " " + batch.get(0).getId() : "page at " + where)) {
                progress.duplicates(duplicates);
                return -1;
            }
            for (int i = 0; i < batch.size(); i++) {
                if (keys.get(i) != null) {
                    position.remember(keys.get(i), config.getDedupeWindow());
                }
                position.recordTime = Math.max(position.recordTime, ExportRecords.timestamp(batch.get(i)));
            }
            delivered += batch.size();
            batch.clear();
            keys.clear();
        }
        progress.duplicates(duplicates);
        return delivered;
    }

    /** The exchange of one record (its headers, the side-loads it references) or of a page (a List body). */
    private Exchange exchange(List<ZendeskObject> batch, Map<String, Map<Object, Map<String, Object>>> sideloads,
            String position) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        m.setHeader(ZendeskConstants.RESOURCE, resource.uriName());
        m.setHeader(ZendeskConstants.POSITION, position);
        if (config.isPageAsList()) {
            m.setBody(new ArrayList<>(batch));
            if (!sideloads.isEmpty()) {
                m.setHeader(ZendeskConstants.SIDELOADS, sideloads);
            }
            return exchange;
        }
        ZendeskObject record = batch.get(0);
        m.setBody(record);
        m.setHeader(ZendeskConstants.ID, record.getId());
        m.setHeader(ZendeskConstants.UPDATED_AT, record.get("updated_at"));
        if (record.get("generated_timestamp") != null) {
            m.setHeader(ZendeskConstants.GENERATED_TIMESTAMP, record.get("generated_timestamp"));
        }
        if (!sideloads.isEmpty()) {
            m.setHeader(ZendeskConstants.SIDELOADS, ExportRecords.referenced(record, sideloads));
        }
        return exchange;
    }

    private boolean process(Exchange exchange, String what) throws Exception {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            progress.routeFailed(failure);
            getExceptionHandler().handleException("Processing " + what + " failed; the export position stays"
                                                  + " where it was and the page is read again on the next poll",
                    exchange, failure);
            releaseExchange(exchange, false);
            return false;
        }
        releaseExchange(exchange, false);
        return true;
    }

    private ZendeskRequest request(ExportPosition position) {
        ZendeskRequest.Builder b = ZendeskRequest.get(resource.exportPath()).budget(Budget.INCREMENTAL);
        if (resource.export() == ZendeskResource.Export.CURSOR && position.cursor != null) {
            b.query("cursor", position.cursor);
        } else {
            b.query("start_time", position.startTime);
        }
        if (resource != ZendeskResource.ARTICLES) {
            b.query("per_page", config.getPerPage());
        }
        b.query("include", config.getInclude());
        if (config.isExcludeDeleted() && resource == ZendeskResource.TICKETS) {
            b.query("exclude_deleted", true);
        }
        return b.build();
    }

    /**
     * Stores the position. With a {@link CompareAndSetStateRepository} (shared by several nodes) the write succeeds
     * only if nobody moved the position since this consumer read it; otherwise this poll ends and the next one starts
     * from the stored position: the records of this page may then be processed twice, none is skipped.
     */
    private boolean store(ExportPosition position) {
        String json = position.toJson();
        if (state instanceof CompareAndSetStateRepository shared) {
            if (!shared.compareAndSet(stateKey, storedPosition, json)) {
                LOG.warn("Zendesk {} export: the position under {} was moved by another node since this one read it;"
                         + " this node leaves it as it is and reads it again at the next poll", resource, stateKey);
                storedPosition = null;
                return false;
            }
        } else {
            state.setState(stateKey, json);
        }
        storedPosition = json;
        return true;
    }

    /** The stored position, or null; fails naming the store and the key when it cannot be read. */
    private ExportPosition readStoredPosition() {
        String stored = state.getState(stateKey);
        storedPosition = stored;
        if (stored == null) {
            return null;
        }
        try {
            return ExportPosition.parse(stored);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The Zendesk " + resource.uriName() + " export position under key '"
                                            + stateKey + "' in " + state + " cannot be read (" + e.getMessage()
                                            + "): restore it, or remove it to start again from startTime", e);
        }
    }

    private ExportPosition loadPosition() {
        ExportPosition stored = readStoredPosition();
        if (stored != null) {
            return stored;
        }
        long start;
        if (config.getStartTime() != null) {
            start = parseStartTime(config.getStartTime());
            LOG.info("Zendesk {} export: no stored position under {}, starting at {} ({})", resource, stateKey,
                    Instant.ofEpochSecond(start), start == 0 ? "a full backfill" : "startTime");
        } else {
            // a minute back: Zendesk refuses a start_time within the last minute
            start = Instant.now().getEpochSecond() - 60;
            LOG.info("Zendesk {} export: no stored position under {} and no startTime: starting from now ({});"
                     + " set startTime for a backfill", resource, stateKey, Instant.ofEpochSecond(start));
        }
        ExportPosition initial = ExportPosition.startingAt(start);
        if (!store(initial)) {
            // another node stored the first position at the same moment: take it
            return loadPosition();
        }
        return initial;
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

    /** Zendesk refuses a start_time within the last minute: that means no new data, not an error. */
    static boolean isTooRecent(ZendeskApiException e) {
        if (e.getStatus() != 422 && e.getStatus() != 400) {
            return false;
        }
        String text = (e.getError() + " " + e.getDescription()).toLowerCase();
        return text.contains("too recent") || text.contains("starttimetoorecent");
    }

    /** The export's counters and last poll (read by the health check, the dev console and the meters). */
    public ExportProgress progress() {
        return progress;
    }

    public String stateKey() {
        return stateKey;
    }

    /** Failed polls in a row (0 when the last attempt succeeded). */
    int consecutiveFailures() {
        ExportFailureBackoff b = backoff;
        return b == null ? 0 : b.failures();
    }

    ZendeskResource resource() {
        return resource;
    }
}
