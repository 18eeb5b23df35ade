package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored object. {@link #json} is never mutated after it is stored (copy-on-write), so readers may
 * serialise it without copying.
 */
public final class Entity {
    public final long id;
    public ObjectNode json;
    /** Export timestamp in epoch seconds (generated_timestamp for tickets, updated_at otherwise). */
    public long ts;
    /** When the entity last changed, epoch millis (drives the recent-change exclusion of exports). */
    public long changedMillis;
    public boolean deleted;

    public Entity(long id, ObjectNode json, long ts, long changedMillis) {
        this.id = id;
        this.json = json;
        this.ts = ts;
        this.changedMillis = changedMillis;
    }
}
