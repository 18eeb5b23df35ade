package io.camelzendesk.component.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.position.FilePositionRepository;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.ZendeskObject;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A page is one batch: Camel's batch properties, maxMessagesPerPoll, and a graceful stop in the middle of a page. */
class ExportBatchTest {

    private static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";
    private static final String ORGS = "/api/v2/incremental/organizations.json";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private CamelContext context;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** Starts route "export"; with maxMessagesPerPoll > 0, that URI option. */
    private void start(String uri, Processor step, int maxMessagesPerPoll) throws Exception {
        start(uri, step, maxMessagesPerPoll, ShutdownRunningTask.CompleteCurrentTaskOnly);
    }

    private void start(String uri, Processor step, int maxMessagesPerPoll, ShutdownRunningTask onStop)
            throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri + "&baseUrl=" + wm.baseUrl() + "&oauthToken=tok&initialDelay=0"
                     + "&incrementalRequestsPerMinute=0&stateDirectory=" + stateDir
                     + (maxMessagesPerPoll > 0 ? "&maxMessagesPerPoll=" + maxMessagesPerPoll : ""))
                        .routeId("export").shutdownRunningTask(onStop).process(step).process(e -> received.add(e.copy()));
            }
        });
        context.start();
    }

    private static String tickets(int from, int to, String afterCursor) {
        StringBuilder page = new StringBuilder("{\"tickets\":[");
        for (int id = from; id <= to; id++) {
            page.append(id > from ? "," : "").append("{\"id\":").append(id).append(",\"generated_timestamp\":")
                    .append(1000 + id).append('}');
        }
        return page.append("],\"after_cursor\":\"").append(afterCursor).append("\",\"end_of_stream\":")
                .append(afterCursor.equals("end")).append('}').toString();
    }

    private static String orgs(int count) {
        StringBuilder page = new StringBuilder("{\"organizations\":[");
        for (int id = 1; id <= count; id++) {
            page.append(id > 1 ? "," : "").append("{\"id\":").append(id).append(",\"updated_at\":\"1970-01-01T00:20:0")
                    .append(id).append("Z\"}");
        }
        return page.append("],\"count\":").append(count).append(",\"end_time\":1209,\"end_of_stream\":true}")
                .toString();
    }

    private List<Long> ids() {
        return received.stream().map(e -> e.getMessage().getBody(ZendeskObject.class).getId()).toList();
    }

    @Test
    void eachExchangeOfAPageCarriesCamelsBatchPropertiesPerPage() throws Exception {
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("start_time", equalTo("0"))
                .willReturn(okJson(tickets(1, 3, "c1"))));
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("cursor", equalTo("c1"))
                .willReturn(okJson(tickets(4, 5, "end"))));
        start("zendesk:tickets?startTime=0&delay=60000", e -> {
        }, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 5);
        assertThat(received).extracting(e -> e.getProperty(Exchange.BATCH_INDEX))
                .containsExactly(0, 1, 2, 0, 1);
        assertThat(received).extracting(e -> e.getProperty(Exchange.BATCH_SIZE)).containsExactly(3, 3, 3, 2, 2);
        assertThat(received).extracting(e -> e.getProperty(Exchange.BATCH_COMPLETE))
                .containsExactly(false, false, true, false, true);
    }

    @Test
    void aPageIsDecodedRecordByRecordAsItIsDelivered() throws Exception {
        // record 3's subject has an escape JSON does not know: the page's scan passes it (it only finds where the
        // records and their fields are), decoding it fails. A consumer that decoded the whole page before
        // delivering it (holding 1,000 tickets at once) would deliver nothing of it
        String page = tickets(1, 2, "c1").replace("],\"after_cursor\"",
                ",{\"id\":3,\"generated_timestamp\":1003,\"subject\":\"bad \\q\"}],\"after_cursor\"")
                .replace("{\"id\":1,", "{\"id\":1,\"subject\":\"one\",").replace("{\"id\":2,", "{\"id\":2,\"subject\":\"two\",");
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("start_time", equalTo("0"))
                .willReturn(okJson(page)));
        start("zendesk:tickets?startTime=0&delay=60000", e -> e.getMessage().getBody(Ticket.class).getSubject(), 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        Thread.sleep(300);
        assertThat(ids()).containsExactly(1L, 2L);
        assertThat(received).extracting(e -> e.getProperty(Exchange.BATCH_SIZE)).containsExactly(3, 3);
        context.stop();
        // record 3 failed in the route: the cursor stays before the page, records 1 and 2 are remembered
        assertThat(storedPosition().cursor).isNull();
    }

    @Test
    void aCursorThatIsNotAtThePagesEndIsFollowed() throws Exception {
        // the consumer reads the cursor from the page's end before going through its records; here another array
        // stands after the cursor, which is found once the records are
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("start_time", equalTo("0")).willReturn(okJson(
                "{\"tickets\":[{\"id\":1,\"generated_timestamp\":1001}],\"after_cursor\":\"real\","
                + "\"extra\":[{\"id\":9}],\"end_of_stream\":false}")));
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("cursor", equalTo("real"))
                .willReturn(okJson(tickets(2, 3, "end"))));
        start("zendesk:tickets?startTime=0&delay=60000", e -> {
        }, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        assertThat(ids()).containsExactly(1L, 2L, 3L);
        wm.verify(1, getRequestedFor(urlPathEqualTo(TICKETS)).withQueryParam("cursor", equalTo("real")));
        context.stop();
        assertThat(storedPosition().cursor).isEqualTo("end");
    }

    @Test
    void maxMessagesPerPollDeliversThatManyAPollAndTheNextPollGoesOnWithinThePage() throws Exception {
        wm.stubFor(get(urlPathEqualTo(ORGS)).withQueryParam("start_time", equalTo("1000"))
                .willReturn(okJson(orgs(5))));
        wm.stubFor(get(urlPathEqualTo(ORGS)).withQueryParam("start_time", equalTo("1209"))
                .willReturn(okJson("{\"organizations\":[],\"count\":0,\"end_time\":1209,\"end_of_stream\":true}")));
        start("zendesk:organizations?startTime=1000&delay=300", e -> {
        }, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 5);
        Thread.sleep(700);
        // three polls of the same page: 1 2 | 3 4 | 5, each record once, each batch at most two exchanges
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(received).extracting(e -> e.getProperty(Exchange.BATCH_SIZE)).containsExactly(2, 2, 2, 2, 1);
        wm.verify(3, getRequestedFor(urlPathEqualTo(ORGS)).withQueryParam("start_time", equalTo("1000")));
    }

    @Test
    void aGracefulStopMidPageCompletesTheExchangeInFlightAndARestartDeliversTheRestOnce() throws Exception {
        stopWhileTicket3IsInFlight(ShutdownRunningTask.CompleteCurrentTaskOnly);

        // the exchange in flight completed; none was started after the stop
        assertThat(ids()).containsExactly(1L, 2L, 3L);
        context.stop();
        // the stored position is before the first record not processed: the cursor did not move past the page
        // (the next page, requested ahead, was dropped), and the three processed are remembered
        ExportPosition stored = storedPosition();
        assertThat(stored.cursor).isNull();
        assertThat(stored.startTime).isZero();
        assertThat(stored.alreadyProcessed(new ExportPosition.Key(3, 1003))).isTrue();
        assertThat(stored.alreadyProcessed(new ExportPosition.Key(4, 1004))).isFalse();

        received.clear();
        start("zendesk:tickets?startTime=0&delay=60000", e -> {
        }, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 8);
        Thread.sleep(300);
        // the page is read again from the stored position: 1-3 are remembered, 4-10 and the next page follow
        assertThat(ids()).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        wm.verify(2, getRequestedFor(urlPathEqualTo(TICKETS)).withQueryParam("start_time", equalTo("0")));
    }

    /** Starts the export of tickets 1-10 (then 11), and stops the route while ticket 3 is in the route. */
    private void stopWhileTicket3IsInFlight(ShutdownRunningTask onStop) throws Exception {
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("start_time", equalTo("0"))
                .willReturn(okJson(tickets(1, 10, "c1"))));
        wm.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("cursor", equalTo("c1"))
                .willReturn(okJson(tickets(11, 11, "end"))));
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start("zendesk:tickets?startTime=0&delay=60000", e -> {
            if (e.getMessage().getBody(ZendeskObject.class).getId() == 3) {
                inFlight.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
        }, 0, onStop);
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("export");
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        stopper.start();
        Thread.sleep(500);
        release.countDown();
        stopper.join(20_000);
    }

    private ExportPosition storedPosition() {
        FilePositionRepository files = FilePositionRepository.inDirectory(stateDir.toString());
        ServiceHelper.startService(files);
        try {
            return ExportPosition.parse(files.getState("localhost:" + wm.getPort() + "/tickets/export"));
        } finally {
            ServiceHelper.stopService(files);
        }
    }

    @Test
    void withCompleteAllTasksAGracefulStopCompletesThePageAndStoresTheNextCursor() throws Exception {
        stopWhileTicket3IsInFlight(ShutdownRunningTask.CompleteAllTasks);
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        context.stop();
        assertThat(storedPosition().cursor).isEqualTo("c1");
    }
}
