package io.camelzendesk.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A CamelContext whose one route consumes an export URI into a counter, noting when the N-th record arrived (wall
 * clock, and this JVM's process CPU time then).
 */
final class CountingExport implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch reached = new CountDownLatch(1);
    private volatile long reachedMs;
    private volatile long reachedCpuNanos;
    private final CamelContext context = new DefaultCamelContext();

    /** Starts the context and its route. */
    CountingExport(String uri, long expected) throws Exception {
        this(uri, expected, true, body -> {
        });
    }

    /**
     * Starts the context; the route too unless {@code startRoute} is false (then call {@link #startRoute()}). The
     * route hands each body to {@code reads} (what it reads of a record) before counting it.
     */
    CountingExport(String uri, long expected, boolean startRoute, Consumer<Object> reads) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("export").autoStartup(startRoute).process(e -> {
                    // one record per exchange, or a page of them (pageAsList)
                    Object body = e.getMessage().getBody();
                    reads.accept(body);
                    long n = body instanceof List<?> page ? page.size() : 1;
                    long now = count.addAndGet(n);
                    if (now >= expected && now - n < expected) {
                        reachedMs = System.currentTimeMillis();
                        reachedCpuNanos = RunInfo.processCpuNanos();
                        reached.countDown();
                    }
                });
            }
        });
        context.start();
    }

    /** Starts the route of a context made with {@code startRoute} false. */
    void startRoute() throws Exception {
        context.getRouteController().startRoute("export");
    }

    /** Waits for the expected number of records; false on timeout. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return reached.await(timeout, unit);
    }

    long count() {
        return count.get();
    }

    /** Wall clock (ms) when the expected record arrived. */
    long reachedMs() {
        return reachedMs;
    }

    /** This JVM's process CPU time (ns) when the expected record arrived. */
    long reachedCpuNanos() {
        return reachedCpuNanos;
    }

    @Override
    public void close() {
        context.stop();
    }
}
