package io.camelzendesk.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelzendesk.model.Organization;
import io.camelzendesk.model.Ticket;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The incremental export consumer against WireMock: the request contract and the export's edge cases. */
class ZendeskExportConsumerTest {

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

    private void start(String uriOptions) throws Exception {
        start(uriOptions, e -> {
        });
    }

    private void start(String uriOptions, org.apache.camel.Processor step) throws Exception {
        context = new DefaultCamelContext();
        // what camel-main does with camel.health.consumersEnabled (the default): Camel's consumer checks
        var health = org.apache.camel.health.HealthCheckRegistry.get(context);
        health.register(health.resolveById("consumers"));
        health.setExposureLevel("full");
        String uri = "zendesk:" + uriOptions + "&baseUrl=" + wm.baseUrl() + "&oauthToken=tok"
                     + (uriOptions.contains("delay=") ? "" : "&delay=200")
                     + "&initialDelay=0&incrementalRequestsPerMinute=0&stateDirectory=" + stateDir;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("export").process(step).process(e -> received.add(e.copy()));
            }
        });
        context.start();
    }

    private static String org(long id, long updatedEpoch) {
        return "{\"id\":" + id + ",\"name\":\"Org " + id + "\",\"updated_at\":\"" + java.time.Instant.ofEpochSecond(updatedEpoch)
               + "\",\"created_at\":\"2020-01-01T00:00:00Z\",\"external_id\":null,\"tags\":[],\"domain_names\":[]}";
    }

    @Test
    void timeBasedExportFollowsEndTimeAndDropsTheBoundaryDuplicate() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1000"))
                .willReturn(okJson("{\"organizations\":[" + org(1, 1100) + "," + org(2, 1200) + "," + org(3, 1300)
                                   + "],\"count\":3,\"end_time\":1300,\"end_of_stream\":false,\"next_page\":\""
                                   + wm.baseUrl() + "/api/v2/incremental/organizations.json?start_time=1300\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1300"))
                .willReturn(okJson("{\"organizations\":[" + org(3, 1300) + "," + org(4, 1400)
                                   + "],\"count\":2,\"end_time\":1400,\"end_of_stream\":true,\"next_page\":null}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1400"))
                .willReturn(okJson("{\"organizations\":[],\"count\":0,\"end_time\":1400,\"end_of_stream\":true}")));

        start("organizations?startTime=1000&perPage=3");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 4
                && !wm.findAll(getRequestedFor(urlPathEqualTo("/api/v2/incremental/organizations.json"))
                        .withQueryParam("start_time", equalTo("1400"))).isEmpty());
        assertThat(received).extracting(e -> e.getMessage().getBody(Organization.class).getId())
                .containsExactly(1L, 2L, 3L, 4L);
        Exchange first = received.get(0);
        assertThat(first.getMessage().getHeader(ZendeskConstants.RESOURCE)).isEqualTo("organizations");
        assertThat(first.getMessage().getHeader(ZendeskConstants.ID)).isEqualTo(1L);
        assertThat(first.getMessage().getHeader(ZendeskConstants.UPDATED_AT)).isEqualTo("1970-01-01T00:18:20Z");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v2/incremental/organizations.json"))
                .withQueryParam("per_page", equalTo("3")).withHeader("Authorization", equalTo("Bearer tok")));
    }

    @Test
    void aSameTimestampPageLargerThanPerPageNeverLoops() throws Exception {
        StringBuilder big = new StringBuilder("{\"organizations\":[");
        for (int i = 1; i <= 1500; i++) {
            big.append(i > 1 ? "," : "").append(org(i, 5000));
        }
        big.append("],\"count\":1500,\"end_time\":5000,\"end_of_stream\":false}");
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("5000"))
                .willReturn(okJson(big.toString())));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("5001"))
                .willReturn(okJson("{\"organizations\":[],\"count\":0,\"end_time\":5001,\"end_of_stream\":true}")));

        start("organizations?startTime=5000&perPage=1000&delay=60000");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1500
                && !wm.findAll(getRequestedFor(urlPathEqualTo("/api/v2/incremental/organizations.json"))
                        .withQueryParam("start_time", equalTo("5001"))).isEmpty());
        Thread.sleep(300);
        assertThat(received).hasSize(1500);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/incremental/organizations.json"))
                .withQueryParam("start_time", equalTo("5000")));
    }

    @Test
    void aTooRecentStartTimeMeansNoNewData() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"InvalidValue\",\"description\":\"Too recent start_time. Use a start_time older"
                          + " than 1 minute\"}")));
        start("organizations?startTime=" + (System.currentTimeMillis() / 1000));
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(
                urlPathEqualTo("/api/v2/incremental/organizations.json"))).size() >= 2);
        assertThat(received).isEmpty();
        assertThat(consumerCheck().call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void cursorExportStartsWithStartTimeThenFollowsTheCursorAndResumesFromIt() throws Exception {
        String cursor = "MTU3NjYxMzUzOS4wfHw0Njd8+/=";
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json")).withQueryParam("start_time", equalTo("0"))
                .willReturn(okJson("{\"tickets\":[{\"id\":1,\"subject\":\"a\",\"generated_timestamp\":10,"
                                   + "\"updated_at\":\"1970-01-01T00:00:10Z\"}],\"after_cursor\":\"" + cursor
                                   + "\",\"before_cursor\":null,\"end_of_stream\":true}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json")).withQueryParam("cursor", equalTo(cursor))
                .willReturn(okJson("{\"tickets\":[{\"id\":2,\"subject\":\"b\",\"generated_timestamp\":20,"
                                   + "\"updated_at\":\"1970-01-01T00:00:20Z\"}],\"after_cursor\":\"next\","
                                   + "\"end_of_stream\":true}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json")).withQueryParam("cursor", equalTo("next"))
                .willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"next\",\"end_of_stream\":true}")));

        start("tickets?startTime=0&delay=60000");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
        assertThat(received.get(0).getMessage().getBody(Ticket.class).getSubject()).isEqualTo("a");
        assertThat(received.get(0).getMessage().getHeader(ZendeskConstants.GENERATED_TIMESTAMP)).isEqualTo(10L);
        context.stop();

        // a new context with the same file state resumes from the stored cursor, not from startTime
        start("tickets?startTime=0&delay=60000");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        assertThat(received).extracting(e -> e.getMessage().getBody(Ticket.class).getId()).containsExactly(1L, 2L);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json"))
                .withQueryParam("start_time", equalTo("0")));
    }

    @Test
    void aRouteFailureKeepsThePositionAndTheProcessedRecordsAreNotDeliveredTwice() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1000"))
                .willReturn(okJson("{\"organizations\":[" + org(1, 1100) + "," + org(2, 1200) + "," + org(3, 1300)
                                   + "],\"count\":3,\"end_time\":1300,\"end_of_stream\":true}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1300"))
                .willReturn(okJson("{\"organizations\":[],\"count\":0,\"end_time\":1300,\"end_of_stream\":true}")));
        AtomicInteger attempts = new AtomicInteger();
        start("organizations?startTime=1000", e -> {
            if (e.getMessage().getBody(Organization.class).getId() == 2 && attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("CRM is down");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        assertThat(received).extracting(e -> e.getMessage().getBody(Organization.class).getId())
                .containsExactly(1L, 2L, 3L);
        // the page was read again after the failure, from the same start_time
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/incremental/organizations.json"))
                .withQueryParam("start_time", equalTo("1000")));
    }

    @Test
    void theHealthCheckIsDownWithTheLastErrorUntilAPollSucceeds() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1000"))
                .willReturn(okJson("{\"organizations\":[" + org(1, 1100) + "],\"count\":1,\"end_time\":1100,"
                                   + "\"end_of_stream\":true}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1100"))
                .willReturn(okJson("{\"organizations\":[],\"count\":0,\"end_time\":1100,\"end_of_stream\":true}")));
        AtomicInteger attempts = new AtomicInteger();
        start("organizations?startTime=1000&delay=1500", e -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("CRM is down");
            }
        });
        // Camel's consumer check reports the failure; ours (position, lag) stays UP
        var check = consumerCheck();
        await().atMost(Duration.ofSeconds(10)).until(() -> check.call().getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = check.call();
        assertThat(down.getError()).hasValueSatisfying(e -> assertThat(e).hasMessage("CRM is down"));
        assertThat(down.getDetails()).containsKey(HealthCheck.FAILURE_ERROR_COUNT);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1
                && check.call().getState() == HealthCheck.State.UP);
        HealthCheck.Result position = org.apache.camel.health.HealthCheckRegistry.get(context)
                .getCheck("zendesk-export-export").orElseThrow().call();
        assertThat(position.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(position.getDetails()).containsKeys("position", "lagSeconds", HealthCheck.ENDPOINT_URI);
    }

    private HealthCheck consumerCheck() {
        return org.apache.camel.health.HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:export")).findFirst().orElseThrow().getCheck();
    }

    @Test
    void a429MidExportIsWaitedOutAndNothingElseIsRequested() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1000"))
                .willReturn(okJson("{\"organizations\":[" + org(1, 1100) + "],\"count\":1,\"end_time\":1100,"
                                   + "\"end_of_stream\":false}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1100"))
                .inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("Rate limited"))
                .willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo("1100"))
                .inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"organizations\":[" + org(2, 1200) + "],\"count\":1,\"end_time\":1200,"
                                   + "\"end_of_stream\":true}")));
        start("organizations?startTime=1000&delay=60000");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        Thread.sleep(300);
        assertThat(received).hasSize(2);
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/v2/incremental/organizations.json")));
    }

    @Test
    void sideLoadsReferencedByARecordArriveAsAHeader() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json")).willReturn(okJson(
                "{\"tickets\":[{\"id\":5,\"requester_id\":70,\"assignee_id\":71,\"organization_id\":70,"
                + "\"generated_timestamp\":1}],\"users\":[{\"id\":70,\"name\":\"Req\"},{\"id\":71,\"name\":\"Agent\"},"
                + "{\"id\":72,\"name\":\"Other\"}],\"organizations\":[{\"id\":70,\"name\":\"Acme\"}],"
                + "\"after_cursor\":\"c\",\"end_of_stream\":true}")));
        start("tickets?startTime=0&include=users,organizations&delay=60000");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
        @SuppressWarnings("unchecked")
        Map<String, Map<Object, Map<String, Object>>> side = received.get(0).getMessage()
                .getHeader(ZendeskConstants.SIDELOADS, Map.class);
        assertThat(side.get("users")).containsOnlyKeys(70L, 71L);
        assertThat(side.get("organizations").get(70L)).containsEntry("name", "Acme");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json"))
                .withQueryParam("include", equalTo("users,organizations")));
    }

    @Test
    void customFieldsByTitleArriveAsAHeaderFromOneReadOfTheFields() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json")).willReturn(okJson(
                "{\"tickets\":[{\"id\":5,\"custom_fields\":[{\"id\":77,\"value\":\"gizmo\"}],\"generated_timestamp\":1},"
                + "{\"id\":6,\"custom_fields\":[{\"id\":77,\"value\":null}],\"generated_timestamp\":2}],"
                + "\"after_cursor\":\"c\",\"end_of_stream\":true}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).willReturn(okJson("{\"ticket_fields\":[{\"id\":77,"
                + "\"type\":\"text\",\"title\":\"Product\"}],\"meta\":{\"has_more\":false}}")));
        start("tickets?startTime=0&customFieldsByName=true&delay=60000");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        assertThat(received.get(0).getMessage().getHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME, Map.class))
                .containsEntry("Product", "gizmo");
        assertThat(received.get(1).getMessage().getHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME, Map.class))
                .containsKey("Product");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/ticket_fields")));
    }

    @Test
    void pageAsListDeliversOneExchangePerPage() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).willReturn(okJson(
                "{\"organizations\":[" + org(1, 1100) + "," + org(2, 1200) + "],\"count\":2,\"end_time\":1200,"
                + "\"end_of_stream\":true}")));
        start("organizations?startTime=1000&pageAsList=true&delay=60000");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
        assertThat(received.get(0).getMessage().getBody(List.class)).hasSize(2);
    }
}
