package io.camelzendesk.component.export;

import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.component.position.CompareAndSetStateRepository;
import io.camelzendesk.component.position.StateRepositories;

/**
 * Where one export consumer keeps its position: the key (stateKey, else host/resource/route id), the repository
 * (the endpoint's, else the position file or memory), the first position (startTime, else a minute ago) and the
 * writes, compare-and-set when the repository is shared by several nodes.
 */
final class ExportPositionStore {

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskExportConsumer.class);

    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private final StateRepository<String, String> state;
    private final boolean ownsState;
    private final String key;
    /** The position as last read from or written to the repository (what a compare-and-set expects). */
    private String storedPosition;

    private ExportPositionStore(ZendeskResource resource, ZendeskConfiguration config, String key) {
        this.resource = resource;
        this.config = config;
        this.key = key;
        StateRepositories.Opened opened = StateRepositories.of(config);
        this.ownsState = opened.owned();
        this.state = opened.repository();
    }

    /**
     * Opens the store of the consumer feeding {@code route} and logs, once, where the export resumes (or that it
     * starts fresh). A stored position that cannot be read stops the consumer here, naming the store and the key.
     */
    static ExportPositionStore open(ZendeskExportConsumer consumer, ZendeskConfiguration config, String host) {
        ZendeskResource resource = consumer.resource();
        String legacyKey = null;
        Route route = route(consumer);
        if (consumer.getRouteId() == null && route != null) {
            // behind a delegating endpoint (master:...) Camel gives the consumer no route id: take the route's.
            // (earlier versions keyed its position by "<host>/<resource>/null": carried over below)
            consumer.setRouteId(route.getRouteId());
            legacyKey = host + "/" + resource.uriName() + "/null";
        }
        ExportPositionStore store = new ExportPositionStore(resource, config,
                positionKey(resource, config, host, route, consumer.getRouteId()));
        ServiceHelper.startService(store.state);
        try {
            if (legacyKey != null && config.getStateKey() == null) {
                store.carryOver(legacyKey);
            }
            store.resumeOrStart();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** The key the position of the consumer is (or will be) stored under, without opening the store. */
    static String keyOf(ZendeskExportConsumer consumer, ZendeskConfiguration config, String host) {
        return positionKey(consumer.resource(), config, host, route(consumer), consumer.getRouteId());
    }

    void close() {
        if (ownsState) {
            ServiceHelper.stopService(state);
        }
    }

    String key() {
        return key;
    }

    /**
     * The key of the position: {@code stateKey}, else the account host, the resource and the route's own id. A
     * generated route id changes when a route is added before this one, and the export would start over (or, from
     * now, skip what changed while it was down): such a consumer refuses to start.
     */
    private static String positionKey(ZendeskResource resource, ZendeskConfiguration config, String host, Route route,
            String routeId) {
        String key = config.getStateKey();
        if (key == null || key.isBlank()) {
            // Camel marks the id of a kamelet's route as custom even when it generated it (zendesk-source-1)
            boolean generated = route == null || !route.isCustomId() || route.isCreatedByKamelet();
            if (generated && !config.isStateInMemory()) {
                throw new IllegalStateException("The Zendesk " + resource.uriName() + " export consumer of route "
                                                + routeId + " needs a stable key for its stored position: give"
                                                + " the route an id (YAML id:, Java .routeId(...)) or set the"
                                                + " endpoint option stateKey (in a kamelet: its stateKey). The id '"
                                                + routeId + "' is generated and changes when routes are added,"
                                                + " and the export would start over");
            }
            key = host + "/" + resource.uriName() + "/" + routeId;
        }
        if (key.indexOf('=') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Option stateKey must not contain '=' or line breaks: " + key);
        }
        return key;
    }

    /** The route the consumer feeds: its own, or the one whose endpoint delegates to the consumer's (master:...). */
    private static Route route(ZendeskExportConsumer consumer) {
        CamelContext context = consumer.getEndpoint().getCamelContext();
        if (consumer.getRouteId() != null) {
            return context.getRoute(consumer.getRouteId());
        }
        for (Route r : context.getRoutes()) {
            for (Endpoint e = r.getEndpoint(); e instanceof DelegateEndpoint d; ) {
                e = d.getEndpoint();
                if (e == consumer.getEndpoint()) {
                    return r;
                }
            }
        }
        return null;
    }

    /** A position stored under the key of an older version is carried over to this one's key, never dropped. */
    private void carryOver(String legacyKey) {
        String legacy = state.getState(legacyKey);
        if (legacy == null || state.getState(key) != null) {
            return;
        }
        boolean moved;
        if (state instanceof CompareAndSetStateRepository shared) {
            moved = shared.compareAndSet(key, null, legacy);
        } else {
            state.setState(key, legacy);
            moved = true;
        }
        if (moved) {
            LOG.info("Zendesk {} export: the position stored under {} now lives under {}", resource, legacyKey, key);
        }
    }

    /** Logs the one line saying where the export resumes, storing the first position when there is none. */
    private void resumeOrStart() {
        ExportPosition stored = read();
        if (stored == null) {
            if (startFresh() != null) {
                return;
            }
            // another node stored the first position at the same moment
            stored = read();
        }
        String where = stored.cursor != null
                ? "cursor " + stored.cursor + (stored.recordTime > 0
                        ? " (records up to " + Instant.ofEpochSecond(stored.recordTime) + " processed)" : "")
                : "start time " + Instant.ofEpochSecond(stored.startTime);
        LOG.info("Zendesk {} export resumes from its stored position under {}: {}", resource, key, where);
    }

    /**
     * Stores the position. With a {@link CompareAndSetStateRepository} (shared by several nodes) the write succeeds
     * only if nobody moved the position since this consumer read it; otherwise the caller's poll ends and the next
     * one starts from the stored position: the records of its page may then be processed twice, none is skipped.
     */
    boolean store(ExportPosition position) {
        String json = position.toJson();
        if (state instanceof CompareAndSetStateRepository shared) {
            if (!shared.compareAndSet(key, storedPosition, json)) {
                LOG.warn("Zendesk {} export: the position under {} was moved by another node since this one read it;"
                         + " this node leaves it as it is and reads it again at the next poll", resource, key);
                storedPosition = null;
                return false;
            }
        } else {
            state.setState(key, json);
        }
        storedPosition = json;
        return true;
    }

    /** The stored position, or null; fails naming the store and the key when it cannot be read. */
    private ExportPosition read() {
        String stored = state.getState(key);
        storedPosition = stored;
        if (stored == null) {
            return null;
        }
        try {
            return ExportPosition.parse(stored);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The Zendesk " + resource.uriName() + " export position under key '"
                                            + key + "' in " + state + " cannot be read (" + e.getMessage()
                                            + "): restore it, or remove it to start again from startTime", e);
        }
    }

    /** The stored position; without one (removed while running), the first position, stored. */
    ExportPosition load() {
        ExportPosition stored = read();
        if (stored != null) {
            return stored;
        }
        ExportPosition fresh = startFresh();
        // null: another node stored the first position at the same moment: take it
        return fresh != null ? fresh : load();
    }

    /** Stores the first position (startTime, else a minute ago) and logs it; null when another node was first. */
    private ExportPosition startFresh() {
        long start = config.getStartTime() != null ? ZendeskExportConsumer.parseStartTime(config.getStartTime())
                // a minute back: Zendesk refuses a start_time within the last minute
                : Instant.now().getEpochSecond() - 60;
        ExportPosition initial = ExportPosition.startingAt(start);
        if (!store(initial)) {
            return null;
        }
        if (config.getStartTime() != null) {
            LOG.info("Zendesk {} export starts fresh under {}: no stored position, from startTime {}{}", resource,
                    key, Instant.ofEpochSecond(start), start == 0 ? " (a full backfill)" : "");
        } else {
            LOG.info("Zendesk {} export starts fresh under {}: no stored position and no startTime, from now ({});"
                     + " set startTime for a backfill", resource, key, Instant.ofEpochSecond(start));
        }
        return initial;
    }
}
