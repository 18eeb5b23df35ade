package io.camelzendesk.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits without holding a thread. Tests inject one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    CompletableFuture<Void> sleep(Duration duration);

    /** The clock the waits are measured on (a test sleeper advances it by the waits it recorded). */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Completes after the duration on a timer, holding no thread meanwhile. */
    Sleeper SYSTEM = duration -> {
        if (duration.isZero() || duration.isNegative()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
        }, CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
    };
}
