package io.camelzendesk.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** A CamelContext whose one route consumes an export URI into a counter, noting when the N-th record arrived. */
final class CountingExport implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch reached = new CountDownLatch(1);
    private volatile long reachedMs;
    private final CamelContext context = new DefaultCamelContext();

    CountingExport(String uri, long expected) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("export").process(e -> {
                    // one record per exchange, or a page of them (pageAsList)
                    long n = e.getMessage().getBody() instanceof List<?> page ? page.size() : 1;
                    long now = count.addAndGet(n);
                    if (now >= expected && now - n < expected) {
                        reachedMs = System.currentTimeMillis();
                        reached.countDown();
                    }
                });
            }
        });
        context.start();
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

    @Override
    public void close() {
        context.stop();
    }
}
