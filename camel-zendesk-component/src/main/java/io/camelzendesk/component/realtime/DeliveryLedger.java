package io.camelzendesk.component.realtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.camel.spi.StateRepository;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.component.position.CompareAndSetStateRepository;

/**
 * Which version ({@code updated_at}, epoch seconds) of each object the route has received, shared by the webhook
 * path and the export path of a realtime consumer and, through a {@link CompareAndSetStateRepository} (the position
 * file, {@code JdbcStateRepository}), by every node of a cluster: one JSON value under the consumer's key.
 * <p>
 * A delivery first <em>claims</em> the object: the claim fails when a version at least as new was delivered
 * ({@link Outcome#DELIVERED}) or while another delivery of the object holds a live claim ({@link Outcome#BUSY}); the
 * claim is a lease, so a node that dies mid-route frees the object when the lease runs out. Once the route
 * completed the claim is <em>committed</em> (the version is delivered); when it failed, <em>released</em>.
 * <p>
 * Bounded: an entry goes once the export has read past its version (the export will not return it again) and it
 * is older than {@link #DUPLICATE_HORIZON_SECONDS} (a late webhook retry of it is then not expected), and the
 * ledger never keeps more than {@link #MAX_ENTRIES} (the oldest go first). Each change reads and writes the
 * whole value, a few dozen bytes per entry: at the bound about 250 KB.
 */
final class DeliveryLedger {

    /** How long a delivered version is remembered against late webhook deliveries of it, at least. */
    static final long DUPLICATE_HORIZON_SECONDS = 900;
    /** The export reads a page boundary's second again: versions this close to its position stay. */
    static final long EXPORT_SLACK_SECONDS = 60;
    static final int MAX_ENTRIES = 10_000;

    enum Outcome {
        /** This delivery holds the object: route it, then commit or release. */
        CLAIMED,
        /** A version at least as new reached the route already. */
        DELIVERED,
        /** Another delivery (the other path, another node) holds the object until {@link Claim#busyUntil}. */
        BUSY
    }

    /** The answer to a claim; {@code token} identifies a granted claim in commit and release. */
    record Claim(Outcome outcome, long id, long version, String token, long busyUntil) {
    }

    /** What the ledger knows of one object: the version delivered, and the live claim if any. */
    private static final class Entry {
        long delivered;
        long claimed;
        long until;
        String token;

        boolean claimLive(long nowMillis) {
            return token != null && until > nowMillis;
        }
    }

    private final StateRepository<String, String> state;
    private final String key;
    private final int maxEntries;
    private final long leaseMillis;
    private final LongSupplier clock;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong claims = new AtomicLong();
    /** The export's position (epoch seconds) as this node last saw it; 0 when this node runs no export. */
    private volatile long exportedUpTo;

    DeliveryLedger(StateRepository<String, String> state, String key, long leaseMillis, LongSupplier clock) {
        this(state, key, leaseMillis, clock, MAX_ENTRIES);
    }

    DeliveryLedger(StateRepository<String, String> state, String key, long leaseMillis, LongSupplier clock,
                   int maxEntries) {
        this.maxEntries = maxEntries;
        this.state = state;
        this.key = key;
        this.leaseMillis = leaseMillis;
        this.clock = clock;
    }

    String key() {
        return key;
    }

    /** The newest version delivered for the object, 0 when none is known. */
    long delivered(long id) {
        Entry e = read(state.getState(key)).ids.get(id);
        return e == null ? 0 : e.delivered;
    }

    /** Claims the object for delivering {@code version} (or newer). */
    Claim claim(long id, long version) {
        return update(entries -> {
            long now = clock.getAsLong();
            Entry e = entries.computeIfAbsent(id, k -> new Entry());
            if (version > 0 && e.delivered >= version) {
                return new Claim(Outcome.DELIVERED, id, e.delivered, null, 0);
            }
            if (e.claimLive(now)) {
                return new Claim(Outcome.BUSY, id, version, null, e.until);
            }
            e.claimed = version;
            e.until = now + leaseMillis;
            e.token = node + "-" + claims.incrementAndGet();
            return new Claim(Outcome.CLAIMED, id, version, e.token, 0);
        });
    }

    /** The route received {@code version} (at least the claimed one) of the claimed object. */
    void commit(Claim claim, long version) {
        update(entries -> {
            Entry e = entries.computeIfAbsent(claim.id(), k -> new Entry());
            e.delivered = Math.max(e.delivered, Math.max(version, claim.version()));
            if (claim.token().equals(e.token)) {
                e.token = null;
            }
            return null;
        });
    }

    /** The delivery failed: the object is free again, its delivered version unchanged. */
    void release(Claim claim) {
        update(entries -> {
            Entry e = entries.get(claim.id());
            if (e != null && claim.token().equals(e.token)) {
                e.token = null;
                if (e.delivered == 0) {
                    entries.remove(claim.id());
                }
            }
            return null;
        });
    }

    /** Where the export stands (epoch seconds): entries it has read past may go at the next write. */
    void exportedUpTo(long epochSeconds) {
        if (epochSeconds > exportedUpTo) {
            exportedUpTo = epochSeconds;
        }
    }

    int size() {
        return read(state.getState(key)).ids.size();
    }

    /** The ledger as stored: the export's position when last written, and the entries by object id. */
    private static final class Content {
        long exported;
        final Map<Long, Entry> ids = new LinkedHashMap<>();
    }

    private interface Change<T> {
        T apply(Map<Long, Entry> entries);
    }

    /**
     * Reads, changes and writes the ledger: a compare-and-set (retried while another node wrote in between) on a
     * shared repository, under this JVM's lock in any case.
     */
    private <T> T update(Change<T> change) {
        // a thread interrupted (a consumer stopping) still records what its route did: the file store's channel would
        // otherwise close on the interrupt and the claim stay until its lease runs out
        boolean interrupted = Thread.interrupted();
        try {
            return write(change);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T write(Change<T> change) {
        synchronized (this) {
            while (true) {
                String before = state.getState(key);
                Content content = read(before);
                T result = change.apply(content.ids);
                prune(content);
                String after = render(content);
                if (after.equals(before)) {
                    return result;
                }
                if (state instanceof CompareAndSetStateRepository shared) {
                    if (shared.compareAndSet(key, before, after)) {
                        return result;
                    }
                } else {
                    state.setState(key, after);
                    return result;
                }
            }
        }
    }

    /** Drops what can no longer be delivered twice; the export position travels with the entries for every node. */
    private void prune(Content content) {
        long now = clock.getAsLong();
        content.exported = Math.max(content.exported, exportedUpTo);
        long before = Math.min(content.exported - EXPORT_SLACK_SECONDS, now / 1000 - DUPLICATE_HORIZON_SECONDS);
        Map<Long, Entry> entries = content.ids;
        entries.values().removeIf(e -> !e.claimLive(now) && (e.delivered == 0 || e.delivered < before));
        if (entries.size() > maxEntries) {
            List<Map.Entry<Long, Entry>> oldest = new ArrayList<>(entries.entrySet());
            oldest.removeIf(x -> x.getValue().claimLive(now));
            oldest.sort(Comparator.comparingLong(x -> x.getValue().delivered));
            for (int i = 0; i < oldest.size() && entries.size() > maxEntries; i++) {
                entries.remove(oldest.get(i).getKey());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Content read(String json) {
        Content content = new Content();
        if (json == null) {
            return content;
        }
        try {
            Map<String, Object> m = ZendeskJson.MAPPER.readValue(json, Map.class);
            content.exported = m.get("exported") instanceof Number n ? n.longValue() : 0;
            if (m.get("ids") instanceof Map<?, ?> ids) {
                ids.forEach((id, v) -> {
                    List<Object> f = (List<Object>) v;
                    Entry e = new Entry();
                    e.delivered = ((Number) f.get(0)).longValue();
                    if (f.size() > 3) {
                        e.claimed = ((Number) f.get(1)).longValue();
                        e.until = ((Number) f.get(2)).longValue();
                        e.token = (String) f.get(3);
                    }
                    content.ids.put(Long.parseLong((String) id), e);
                });
            }
            return content;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The Zendesk realtime delivery ledger under key '" + key + "' in " + state
                                            + " cannot be read (" + e.getMessage() + "): remove it to start afresh"
                                            + " (the changes since then may reach the route twice)", e);
        }
    }

    /** {"exported":T,"ids":{"id":[delivered] or [delivered,claimed,until,token]}} */
    private String render(Content content) {
        Map<String, Object> ids = new LinkedHashMap<>();
        content.ids.forEach((id, e) -> ids.put(Long.toString(id), e.token == null ? List.of(e.delivered)
                : List.of(e.delivered, e.claimed, e.until, e.token)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exported", content.exported);
        m.put("ids", ids);
        try {
            return ZendeskJson.MAPPER.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
