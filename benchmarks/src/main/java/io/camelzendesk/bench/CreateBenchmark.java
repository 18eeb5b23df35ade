package io.camelzendesk.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Ticket creates through a real CamelContext with the component at its default settings, against a
 * {@link BenchServer} (own JVM) that answers 201 after a fixed delay: requests/s against the ideal
 * (callers / delay), p50/p99 latency, and the threads the client used.
 * <p>
 * Options: {@code --total 2000 --warmup 20000 --callers 64 --delay-ms 50}, {@code --mode threads|async} (threads:
 * that many threads calling ProducerTemplate.requestBody; async: one thread driving the endpoint's AsyncProducer
 * with at most that many exchanges in flight), {@code --uri-extra "&clientThreads=8"} to try other settings.
 */
public final class CreateBenchmark {

    private static final String CLIENT_THREADS = "zendesk-client-";

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        int total = o.integer("total", 2000);
        int warmup = o.integer("warmup", 20_000);
        int callers = o.integer("callers", 64);
        int delayMs = o.integer("delay-ms", 50);
        String mode = o.string("mode", "threads");
        try (ServerProcess server = new ServerProcess("--tickets", "1000", "--create-delay-ms", String.valueOf(delayMs))) {
            String uri = "zendesk:tickets?operation=create&baseUrl=" + server.baseUrl + "&email=bench@example.com"
                         + "&apiToken=not-a-real-token" + o.string("uri-extra", "");
            CamelContext context = new DefaultCamelContext();
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            ExecutorService pool = Executors.newFixedThreadPool(callers, r -> new Thread(r, "bench-caller"));
            Runner runner = mode.equals("async") ? new AsyncRunner(context.getEndpoint(uri), callers)
                    : new ThreadRunner(template, uri, pool, callers);

            Result w = runner.run(warmup);
            Threads.MX.resetPeakThreadCount();
            Result r;
            int clientThreads;
            try (Threads sampler = new Threads(CLIENT_THREADS)) {
                r = runner.run(total);
                clientThreads = sampler.max();
            }
            int peak = Threads.MX.getPeakThreadCount();
            double ideal = callers * 1000.0 / delayMs;
            double perSecond = total / r.seconds;
            long[] lat = r.latenciesNanos.clone();
            Arrays.sort(lat);
            System.out.printf("create mode=%s callers=%d delay_ms=%d total=%d (after %d warm-up, %d errors)%n", mode,
                    callers, delayMs, total, warmup, w.errors);
            System.out.printf("create requests_per_s=%.0f ideal=%.0f pct_of_ideal=%.1f%% p50_ms=%.1f p99_ms=%.1f"
                              + " errors=%d zendesk_client_threads=%d jvm_peak_threads=%d (of which %d callers)"
                              + " server_creates=%d%n",
                    perSecond, ideal, 100 * perSecond / ideal, pct(lat, 50), pct(lat, 99), r.errors, clientThreads,
                    peak, mode.equals("async") ? 0 : callers, server.stat("creates"));
            pool.shutdownNow();
            context.stop();
        }
        System.exit(0);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    static Map<String, Object> body(int i) {
        return Map.of("subject", "Printer on fire #" + i, "priority", "high",
                "comment", Map.of("body", "The printer on floor 3 is on fire. Please send help."));
    }

    record Result(double seconds, long[] latenciesNanos, int errors) {
    }

    interface Runner {
        Result run(int n) throws Exception;
    }

    /** {@code callers} threads, each sending one create at a time with the ProducerTemplate. */
    record ThreadRunner(ProducerTemplate template, String uri, ExecutorService pool, int callers) implements Runner {
        @Override
        public Result run(int n) throws Exception {
            long[] lat = new long[n];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(callers);
            long start = System.nanoTime();
            for (int c = 0; c < callers; c++) {
                pool.execute(() -> {
                    for (int i; (i = next.getAndIncrement()) < n;) {
                        long t0 = System.nanoTime();
                        try {
                            template.requestBody(uri, body(i));
                        } catch (Exception e) {
                            if (errors.incrementAndGet() == 1) {
                                e.printStackTrace();
                            }
                        }
                        lat[i] = System.nanoTime() - t0;
                    }
                    done.countDown();
                });
            }
            done.await();
            return new Result((System.nanoTime() - start) / 1e9, lat, errors.get());
        }
    }

    /** One thread sending through the endpoint's AsyncProducer, at most {@code inFlight} exchanges at a time. */
    static final class AsyncRunner implements Runner {
        private final Endpoint endpoint;
        private final AsyncProducer producer;
        private final int inFlight;

        AsyncRunner(Endpoint endpoint, int inFlight) throws Exception {
            this.endpoint = endpoint;
            this.producer = endpoint.createAsyncProducer();
            this.producer.start();
            this.inFlight = inFlight;
        }

        @Override
        public Result run(int n) throws Exception {
            long[] lat = new long[n];
            AtomicInteger errors = new AtomicInteger();
            Semaphore permits = new Semaphore(inFlight);
            CountDownLatch done = new CountDownLatch(n);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                permits.acquire();
                int index = i;
                Exchange exchange = endpoint.createExchange();
                exchange.getMessage().setBody(body(i));
                long t0 = System.nanoTime();
                producer.process(exchange, doneSync -> {
                    lat[index] = System.nanoTime() - t0;
                    if (exchange.getException() != null && errors.incrementAndGet() == 1) {
                        exchange.getException().printStackTrace();
                    }
                    permits.release();
                    done.countDown();
                });
            }
            done.await(5, TimeUnit.MINUTES);
            return new Result((System.nanoTime() - start) / 1e9, lat, errors.get());
        }
    }
}
