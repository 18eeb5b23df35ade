package io.camelzendesk.component.export;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
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

/** What {@link ZendeskExportConsumer#progress()} tells, and the line a (re)start logs about where it resumes. */
class ExportProgressTest {

    private static final String ORGS = "/api/v2/incremental/organizations.json";
    private static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";
    private static final String TOKEN = "progress-secret-token";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private CamelContext context;
    private final AtomicInteger received = new AtomicInteger();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private ZendeskExportConsumer start(String uri) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri + "&baseUrl=" + wm.baseUrl() + "&oauthToken=" + TOKEN + "&initialDelay=0"
                     + "&incrementalRequestsPerMinute=0&stateDirectory=" + stateDir)
                        .routeId("export").process(e -> received.incrementAndGet());
            }
        });
        context.start();
        return (ZendeskExportConsumer) context.getRoute("export").getConsumer();
    }

    private int requests() {
        return wm.findAll(getRequestedFor(urlPathEqualTo(ORGS))).size();
    }

    @Test
    void onAQuietAccountTheLagStaysZeroPollAfterPoll() throws Exception {
        // nothing changed since 1970: every poll reaches the end at once
        wm.stubFor(get(urlPathEqualTo(ORGS)).willReturn(okJson(
                "{\"organizations\":[],\"count\":0,\"end_time\":1000,\"end_of_stream\":true}")));
        ExportProgress progress = start("zendesk:organizations?startTime=1000&delay=100").progress();
        for (int polls = 2; polls <= 5; polls++) {
            int atLeast = polls;
            await().atMost(Duration.ofSeconds(10)).until(() -> requests() >= atLeast && progress.lastSuccess() != null);
            assertThat(progress.lagSeconds()).isZero();
        }
        assertThat(progress.positionTime()).isEqualTo(Instant.ofEpochSecond(1000));
        assertThat(progress.records()).isZero();
        assertThat(progress.rate()).isZero();
        assertThat(progress.lastError()).isNull();
    }

    @Test
    void withABacklogTheLagIsHowFarThePositionIsBehindUntilTheEnd() throws Exception {
        wm.stubFor(get(urlPathEqualTo(ORGS)).withQueryParam("start_time", equalTo("1000")).willReturn(okJson(
                "{\"organizations\":[{\"id\":1,\"updated_at\":\"1970-01-01T00:18:20Z\"},{\"id\":2,\"updated_at\":"
                + "\"1970-01-01T00:20:00Z\"}],\"count\":2,\"end_time\":1200,\"end_of_stream\":false}")));
        // the next page takes a while: meanwhile the export is behind
        wm.stubFor(get(urlPathEqualTo(ORGS)).withQueryParam("start_time", equalTo("1200")).willReturn(okJson(
                "{\"organizations\":[],\"count\":0,\"end_time\":1200,\"end_of_stream\":true}").withFixedDelay(3000)));
        ExportProgress progress = start("zendesk:organizations?startTime=1000&delay=60000").progress();
        await().atMost(Duration.ofSeconds(10)).until(() -> progress.pages() >= 1);
        assertThat(progress.records()).isEqualTo(2);
        assertThat(progress.positionTime()).isEqualTo(Instant.ofEpochSecond(1200));
        assertThat(progress.lagSeconds()).isGreaterThan(Instant.now().getEpochSecond() - 1200 - 60);
        assertThat(progress.rate()).isPositive();
        assertThat(progress.lastPoll()).isNotNull();
        // the end of the export: caught up
        await().atMost(Duration.ofSeconds(10)).until(() -> progress.pages() >= 2);
        assertThat(progress.lagSeconds()).isZero();
        assertThat(progress.lastSuccess()).isNotNull();
    }

    @Test
    void aStartLogsOneLineSayingItStartsFreshAndARestartOneSayingWhereItResumes() throws Exception {
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("start_time", equalTo("1000"))
                .willReturn(okJson("{\"tickets\":[{\"id\":1,\"generated_timestamp\":1500}],\"after_cursor\":\"cur1\","
                                   + "\"end_of_stream\":true}")));
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("cursor", equalTo("cur1"))
                .willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"cur1\",\"end_of_stream\":true}")));
        String key = "localhost:" + wm.getPort() + "/tickets/export";
        try (LogCapture log = LogCapture.capture()) {
            start("zendesk:tickets?startTime=1970-01-01T00:16:40Z&delay=60000");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= 1);
            context.stop();
            assertThat(log.lines(Level.INFO)).filteredOn(l -> l.contains("Zendesk tickets export")).singleElement()
                    .isEqualTo("Zendesk tickets export starts fresh under " + key
                               + ": no stored position, from startTime 1970-01-01T00:16:40Z");
        }
        try (LogCapture log = LogCapture.capture()) {
            start("zendesk:tickets?startTime=1970-01-01T00:16:40Z&delay=60000");
            await().atMost(Duration.ofSeconds(10)).until(() -> !wm.findAll(getRequestedFor(urlPathEqualTo(TICKETS))
                    .withQueryParam("cursor", equalTo("cur1"))).isEmpty());
            assertThat(log.lines(Level.INFO)).filteredOn(l -> l.contains("Zendesk tickets export")).singleElement()
                    .isEqualTo("Zendesk tickets export resumes from its stored position under " + key
                               + ": cursor cur1 (records up to 1970-01-01T00:25:00Z processed)");
            assertThat(log.text()).doesNotContain(TOKEN);
        }
    }
}
