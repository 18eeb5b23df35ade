package io.camelzendesk.component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelzendesk.model.Ticket;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer holds no thread while Zendesk answers: 64 exchanges sent from one thread are all in flight at once
 * while the client runs on its configured {@code clientThreads}. Counts threads and requests; never measures time.
 */
class ZendeskAsyncProducerTest extends ZendeskTestSupport {

    private static final int CLIENT_THREADS = 2;
    private static final int REQUESTS = 64;

    /** Requests WireMock is serving right now, and the most at any moment. */
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger PEAK = new AtomicInteger();

    static final class InFlight implements ServeEventListener {
        @Override
        public void beforeMatch(ServeEvent event, Parameters parameters) {
            PEAK.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
        }

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            IN_FLIGHT.decrementAndGet();
        }

        @Override
        public String getName() {
            return "in-flight";
        }
    }

    @Override
    WireMockConfiguration wireMock() {
        return wireMockConfig().dynamicPort().containerThreads(2 * REQUESTS + 20).asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(4).extensions(new InFlight());
    }

    @Override
    void configure(ZendeskConfiguration configuration) {
        configuration.setClientThreads(CLIENT_THREADS);
    }

    @Override
    RoutesBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("zendesk:tickets?operation=create");
            }
        };
    }

    private static Set<String> zendeskClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("zendesk-client-")).collect(Collectors.toSet());
    }

    @Test
    void sixtyFourConcurrentCreatesRunOnTheConfiguredClientThreads() throws Exception {
        IN_FLIGHT.set(0);
        PEAK.set(0);
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201).withFixedDelay(1000)
                .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));
        Set<String> before = zendeskClientThreads(); // clients of earlier tests, possibly still ending

        // sample the client's threads while the requests are in flight
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger maxThreads = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                Set<String> now = zendeskClientThreads();
                now.removeAll(before);
                maxThreads.accumulateAndGet(now.size(), Math::max);
                Thread.onSpinWait();
            }
        }, "thread-sampler");
        sampler.start();

        AsyncProcessor direct = AsyncProcessorConverterHelper.convert(context.getEndpoint("direct:create").createProducer());
        CountDownLatch done = new CountDownLatch(REQUESTS);
        ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
        AtomicInteger completedSynchronously = new AtomicInteger();
        for (int i = 0; i < REQUESTS; i++) {
            Exchange ex = new DefaultExchange(context);
            ex.getMessage().setBody(Map.of("subject", "Printer " + i));
            exchanges.add(ex);
            // every call returns at once: this one thread sends all 64
            boolean sync = direct.process(ex, doneSync -> done.countDown());
            if (sync) {
                completedSynchronously.incrementAndGet();
            }
        }
        boolean finished = done.await(120, TimeUnit.SECONDS); // a guard against a hang, not a timing assertion
        sampling.set(false);
        sampler.join();

        assertThat(finished).as("all exchanges completed").isTrue();
        assertThat(completedSynchronously.get()).as("exchanges the producer completed on the caller thread").isZero();
        assertThat(exchanges).allSatisfy(ex -> {
            assertThat(ex.getException()).isNull();
            assertThat(ex.getMessage().getBody(Ticket.class).getId()).isEqualTo(35436L);
        });
        wm.verify(REQUESTS, postRequestedFor(urlEqualTo("/api/v2/tickets")));
        // more requests were in flight together than there are client threads (usually all 64; a fresh-clone CI run
        // once saw a peak of 4, so the bound is the claim itself, not a multiple of it) ...
        assertThat(PEAK.get()).as("requests in flight at once").isGreaterThan(CLIENT_THREADS);
        // ... and the client never ran on more than its configured threads
        assertThat(maxThreads.get()).as("live zendesk-client threads").isBetween(1, CLIENT_THREADS);
        Set<String> after = zendeskClientThreads();
        after.removeAll(before);
        assertThat(after).hasSize(CLIENT_THREADS);
    }

    /**
     * Bodies that arrive in pieces after their headers: no client thread may block reading one, since the bytes are
     * delivered by the client's own threads (this deadlocked when responses were read as streams).
     */
    @Test
    void bodiesArrivingSlowlyDoNotBlockTheClientThreads() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436")).willReturn(okJson(fixture("ticket.json"))
                .withChunkedDribbleDelay(5, 300)));
        List<java.util.concurrent.CompletableFuture<Exchange>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 4 * CLIENT_THREADS; i++) {
            calls.add(template.asyncSend("zendesk:tickets?operation=get&id=35436", e -> { }));
        }
        for (var call : calls) {
            Exchange ex = call.get(60, TimeUnit.SECONDS); // a guard against a hang, not a timing assertion
            assertThat(ex.getException()).isNull();
            assertThat(ex.getMessage().getBody(Ticket.class).getSubject()).isEqualTo("Help, my printer is on fire!");
        }
    }
}
