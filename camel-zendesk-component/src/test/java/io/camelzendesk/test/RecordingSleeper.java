package io.camelzendesk.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelzendesk.client.Sleeper;

/** A sleeper that records every wait the client asks for and returns at once. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> sleep(Duration duration) {
        if (!duration.isZero()) {
            waits.add(duration);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Real time plus every wait recorded: the waits "happened" as far as the client can tell. */
    @Override
    public long nanoTime() {
        return System.nanoTime() + total().toNanos();
    }

    /** The non-zero waits, in order. */
    public List<Duration> waits() {
        return waits;
    }

    public Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }

    public void clear() {
        waits.clear();
    }
}
