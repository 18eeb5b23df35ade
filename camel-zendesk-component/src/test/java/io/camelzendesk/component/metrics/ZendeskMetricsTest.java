package io.camelzendesk.component.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.export.ZendeskExportConsumer;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelzendesk.test.WebhookTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The zendesk.* meters in a Micrometer registry bound in Camel's registry, as Spring Boot and Quarkus bind theirs.
 * (The build also runs the component without micrometer-core: ZendeskMetricsAbsentTest.)
 */
class ZendeskMetricsTest {

    private static final String SECRET = "metrics-signing-secret";
    private static final String PATH = "/zendesk/metrics-hook";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CamelContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        wm.stubFor(get("/api/v2/users/me").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        wm.stubFor(get("/api/v2/users/me").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson("{\"user\":{\"id\":1}}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).willReturn(okJson(
                "{\"organizations\":[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:00Z\"},"
                + "{\"id\":2,\"updated_at\":\"2025-01-01T00:01:00Z\"},{\"id\":3,\"updated_at\":\"2025-01-01T00:01:00Z\"}],"
                + "\"count\":3,\"end_time\":1735689660,\"end_of_stream\":true,\"next_page\":null}")));
        context = new DefaultCamelContext();
        context.getRegistry().bind("prometheusLike", meters);
        var server = addHttpServer(context);
        String account = "baseUrl=" + wm.baseUrl() + "&oauthToken=tok";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:me").routeId("me").to("zendesk:users?operation=me&" + account);
                from("zendesk:organizations?" + account + "&startTime=1700000000&initialDelay=0&stateDirectory="
                     + stateDir).routeId("orgs").log("${body}");
                from("zendesk:webhook?path=" + PATH + "&signingSecret=" + SECRET).routeId("hook").log("${body}");
            }
        });
        context.start();
        port = server.getPort();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void accountCountersPerAccountAfterRealRequests() {
        context.createProducerTemplate().requestBody("direct:me", (Object) null);
        awaitExportRecords(3);

        String account = meters.get("zendesk.requests").functionCounter().getId().getTag("account");
        assertThat(account).startsWith("zendesk-localhost-" + wm.getPort() + "-");
        // the 429, its retry, and the export's page
        assertThat(count("zendesk.requests", "account", account)).isEqualTo(3);
        assertThat(count("zendesk.retries", "account", account)).isEqualTo(1);
        assertThat(count("zendesk.rate.limited", "account", account)).isEqualTo(1);
        assertThat(count("zendesk.failures", "account", account)).isZero();
        assertThat(count("zendesk.wait", "account", account)).isGreaterThan(0.5);
    }

    @Test
    void exportRecordsAndLagPerRoute() {
        awaitExportRecords(3);

        assertThat(count("zendesk.export.records", "route", "orgs")).isEqualTo(3);
        assertThat(count("zendesk.export.pages", "route", "orgs")).isEqualTo(1);
        Gauge lag = meters.get("zendesk.export.lag").tag("route", "orgs").gauge();
        ZendeskExportConsumer export = (ZendeskExportConsumer) context.getRoute("orgs").getConsumer();
        assertThat(lag.value()).isEqualTo((double) export.progress().lagSeconds());
    }

    @Test
    void webhookDeliveriesPerRouteAndOutcome() throws Exception {
        byte[] body = statusChanged("ev-1", 7, "open", "solved");
        assertThat(post(port, PATH, body, signedHeaders(SECRET, body)).statusCode()).isEqualTo(200);
        assertThat(post(port, PATH, body, signedHeaders("wrong", body)).statusCode()).isEqualTo(401);

        assertThat(meters.get("zendesk.webhook.deliveries").tags("route", "hook", "outcome", "accepted")
                .functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("zendesk.webhook.deliveries").tags("route", "hook", "outcome", "refused")
                .functionCounter().count()).isEqualTo(1);
    }

    @Test
    void metersGoWithTheirRouteAndAccount() throws Exception {
        context.createProducerTemplate().requestBody("direct:me", (Object) null);
        awaitExportRecords(3);
        assertThat(meters.find("zendesk.export.records").tag("route", "orgs").meters()).hasSize(1);

        context.getRouteController().stopRoute("orgs");
        assertThat(meters.find("zendesk.export.records").meters()).isEmpty();
        assertThat(meters.find("zendesk.requests").meters()).hasSize(1);
        context.getRouteController().startRoute("orgs");
        assertThat(meters.find("zendesk.export.records").tag("route", "orgs").meters()).hasSize(1);

        context.stop();
        assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("zendesk."));
    }

    private double count(String name, String tag, String value) {
        FunctionCounter c = meters.get(name).tag(tag, value).functionCounter();
        return c.count();
    }

    private void awaitExportRecords(long n) {
        ZendeskExportConsumer export = (ZendeskExportConsumer) context.getRoute("orgs").getConsumer();
        await().atMost(Duration.ofSeconds(20)).until(() -> export.progress().records() >= n);
    }
}
