package io.camelzendesk.component.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.test.LogCapture;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A permanently failing export backs off and logs one line per change of state, not a stack trace per poll. */
class ExportFailureBackoffTest {

    private static final String EXPORT = "/api/v2/incremental/tickets/cursor.json";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private CamelContext context;
    private final AtomicInteger polls = new AtomicInteger();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** Counts the scheduler's polls, skipped ones included. */
    private final class CountingPollStrategy implements PollingConsumerPollStrategy {
        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            polls.incrementAndGet();
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            return false;
        }
    }

    private void start() throws Exception {
        context = new DefaultCamelContext();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.register(health.resolveById("consumers"));
        health.setExposureLevel("full");
        context.getRegistry().bind("countingPolls", new CountingPollStrategy());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:tickets?baseUrl=" + wm.baseUrl() + "&oauthToken=revoked&delay=20&initialDelay=0"
                     + "&startTime=0&incrementalRequestsPerMinute=0&maxRetries=0&pollStrategy=#countingPolls"
                     + "&stateDirectory=" + stateDir).routeId("tickets-export").log("${body}");
            }
        });
        context.start();
    }

    private int exportRequests() {
        return wm.findAll(getRequestedFor(urlPathEqualTo(EXPORT))).size();
    }

    /** Attempts after n polls when the k-th failure in a row skips 2^(k-1) - 1 polls: polls 1, 2, 4, 8, ... */
    private static int attemptsIn(int polls) {
        return 32 - Integer.numberOfLeadingZeros(polls);
    }

    @Test
    void aRefused401BacksOffDoublingAndLogsOneLineThenOneWhenItRecovers() throws Exception {
        wm.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Couldn't authenticate you\"}")));
        try (LogCapture log = LogCapture.capture()) {
            start();
            HealthCheck check = HealthCheckHelper.invokeReadiness(context).stream()
                    .filter(r -> r.getCheck().getId().equals("consumer:tickets-export")).findFirst().orElseThrow()
                    .getCheck();
            await().atMost(Duration.ofSeconds(30)).until(() -> polls.get() >= 70);
            int pollsBefore = polls.get();
            int requests = exportRequests();
            int pollsAfter = polls.get();

            // attempts at polls 1, 2, 4, 8, 16, 32, 64: seven requests in 70 polls, instead of 70 (a poll counted
            // may not have sent its request yet)
            assertThat(requests).isBetween(attemptsIn(pollsBefore) - 1, attemptsIn(pollsAfter)).isLessThan(10);
            assertThat(log.lines(Level.WARN)).filteredOn(l -> l.contains("Zendesk tickets export")).singleElement()
                    .satisfies(l -> assertThat(l).contains("is failing").contains("401").contains("next attempt in"));
            assertThat(log.withThrowable(Level.WARN)).isZero();
            // the trace is there for who asks for it, once per failed attempt
            assertThat(log.lines(Level.DEBUG)).filteredOn(l -> l.contains("export of route tickets-export failed"))
                    .hasSizeBetween(requests - 1, requests + 1);
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
            // Camel's consumer check: the error, the status, and the polls failed (skipped ones included)
            HealthCheck.Result down = check.call();
            assertThat(down.getError()).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("401"));
            assertThat(down.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);
            assertThat((Long) down.getDetails().get(HealthCheck.FAILURE_ERROR_COUNT)).isGreaterThanOrEqualTo(requests);

            // the credentials are fixed: the next attempt (poll 128) succeeds
            wm.resetAll();
            wm.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"c1\","
                                                                    + "\"end_of_stream\":true}")));
            await().atMost(Duration.ofSeconds(30)).until(() -> exportRequests() >= 3);
            assertThat(log.lines(Level.INFO)).filteredOn(l -> l.contains("recovered")).hasSize(1);
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(log.lines(Level.WARN)).filteredOn(l -> l.contains("Zendesk tickets export")).hasSize(1);
        }
    }

    @Test
    void aDifferentErrorIsLoggedOnceMore() throws Exception {
        wm.stubFor(get(urlPathEqualTo(EXPORT)).inScenario("errors").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(401)).willSetStateTo("forbidden"));
        wm.stubFor(get(urlPathEqualTo(EXPORT)).inScenario("errors").whenScenarioStateIs("forbidden")
                .willReturn(aResponse().withStatus(403)));
        try (LogCapture log = LogCapture.capture()) {
            start();
            await().atMost(Duration.ofSeconds(30)).until(() -> exportRequests() >= 4);
            context.getRouteController().stopRoute("tickets-export");
            assertThat(log.lines(Level.WARN)).filteredOn(l -> l.contains("Zendesk tickets export")).hasSize(2)
                    .satisfiesExactly(l -> assertThat(l).contains("is failing").contains("401"),
                            l -> assertThat(l).contains("fails differently").contains("403"));
        }
    }
}
