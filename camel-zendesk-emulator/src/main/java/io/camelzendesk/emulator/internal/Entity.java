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
    /** Serialised {@link #json}, computed on first use; reset whenever json is replaced. */
    private volatile byte[] bytes;

    public Entity(long id, ObjectNode json, long ts, long changedMillis) {
        this.id = id;
        this.json = json;
        this.ts = ts;
        this.changedMillis = changedMillis;
    }

    /** The JSON as bytes, cached (the json is immutable once stored). */
    public byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            b = Json.bytes(json);
            bytes = b;
        }
        return b;
    }

    void invalidate() {
        bytes = null;
    }
}
