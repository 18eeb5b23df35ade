package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** One resource's rows: by id, and by (export timestamp, id) for incremental exports. Guarded by Db's lock. */
public final class Table {
    public static final Comparator<Entity> BY_TS = Comparator.<Entity>comparingLong(e -> e.ts).thenComparingLong(e -> e.id);

    public final String name;
    private final long firstId;
    private long nextId;
    private final TreeMap<Long, Entity> byId = new TreeMap<>();
    private final TreeSet<Entity> byTs = new TreeSet<>(BY_TS);

    public Table(String name, long firstId) {
        this.name = name;
        this.firstId = firstId;
        this.nextId = firstId;
    }

    public long nextId() {
        return nextId++;
    }

    public void clear() {
        byId.clear();
        byTs.clear();
        nextId = firstId;
    }

    public Entity get(long id) {
        return byId.get(id);
    }

    /** Live (not deleted) entity or null. */
    public Entity live(long id) {
        Entity e = byId.get(id);
        return e == null || e.deleted ? null : e;
    }

    public void put(Entity e) {
        Entity old = byId.put(e.id, e);
        if (old != null) {
            byTs.remove(old);
        }
        byTs.add(e);
        if (e.id >= nextId) {
            nextId = e.id + 1;
        }
    }

    /** Replaces an entity's json and timestamps, keeping the ts index right. */
    public void update(Entity e, ObjectNode json, long ts, long changedMillis) {
        byTs.remove(e);
        e.json = json;
        e.invalidate();
        e.ts = ts;
        e.changedMillis = changedMillis;
        byTs.add(e);
    }

    public void remove(long id) {
        Entity e = byId.remove(id);
        if (e != null) {
            byTs.remove(e);
        }
    }

    public int size() {
        return byId.size();
    }

    public Iterable<Entity> all() {
        return byId.values();
    }

    public List<Entity> liveList(Predicate<ObjectNode> filter) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : byId.values()) {
            if (!e.deleted && (filter == null || filter.test(e.json))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Entities with ts >= startTs, then id > afterId for ts == startTs, in (ts, id) order. */
    public NavigableSet<Entity> fromTs(long startTs, long afterIdExclusive) {
        Entity probe = new Entity(afterIdExclusive, null, startTs, 0);
        return byTs.tailSet(probe, false);
    }
}
