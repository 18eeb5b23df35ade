package io.camelzendesk.component.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.Jsoner;
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
 * The {@code zendesk} dev console, found by Camel through the generated service file, over a producer and an
 * export (one account, WireMock) and a webhook receiving real deliveries.
 */
class ZendeskDevConsoleTest {

    private static final String TOKEN = "console-api-token-S3CRET";
    private static final String SIGNING_SECRET = "console-signing-secret-S3CRET";
    private static final String PATH = "/zendesk/console-hook";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private CamelContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(okJson("{\"user\":{\"id\":1}}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).willReturn(okJson(
                "{\"organizations\":[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:00Z\"},"
                + "{\"id\":2,\"updated_at\":\"2025-01-01T00:01:00Z\"}],\"count\":2,\"end_time\":1735689660,"
                + "\"end_of_stream\":true,\"next_page\":null}")));
        context = new DefaultCamelContext();
        context.setDevConsole(true);
        var server = addHttpServer(context);
        String account = "baseUrl=" + wm.baseUrl() + "&email=agent@example.com&apiToken=" + TOKEN;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:me").to("zendesk:users?operation=me&" + account);
                from("zendesk:organizations?" + account + "&startTime=1700000000&initialDelay=0&stateDirectory="
                     + stateDir).routeId("orgs").log("${body}");
                from("zendesk:webhook?path=" + PATH + "&signingSecret=" + SIGNING_SECRET).routeId("hook")
                        .log("${body}");
            }
        });
        context.start();
        port = server.getPort();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private DevConsole console() {
        return DevConsoleRegistry.get(context).resolveById("zendesk");
    }

    @Test
    void showsTheAccountItsEndpointsBudgetsAndCounters() throws Exception {
        context.createProducerTemplate().requestBody("direct:me", (Object) null);
        awaitExportRecords(2);

        Map<String, Object> json = json();
        List<?> accounts = (List<?>) json.get("accounts");
        assertThat(accounts).hasSize(1);
        Map<String, Object> account = map(accounts.get(0));
        assertThat((String) account.get("id")).startsWith("zendesk-localhost-" + wm.getPort() + "-");
        assertThat(account.get("baseUrl")).isEqualTo(wm.baseUrl());
        assertThat((List<?>) account.get("endpoints")).hasSize(2)
                .anySatisfy(uri -> assertThat((String) uri).startsWith("zendesk://users"))
                .anySatisfy(uri -> assertThat((String) uri).startsWith("zendesk://organizations"));
        assertThat(account.get("requestsPerMinute")).isEqualTo(0);
        assertThat(account.get("exportRequestsPerMinute")).isEqualTo(10);
        assertThat(((Number) account.get("requests")).longValue()).isEqualTo(2);
        assertThat(account).containsEntry("retries", 0L).containsEntry("rateLimited", 0L).containsEntry("failures", 0L);
    }

    @Test
    void showsTheExportsPositionLagAndRecords() throws Exception {
        awaitExportRecords(2);

        Map<String, Object> export = map(((List<?>) json().get("exports")).get(0));
        assertThat(export.get("routeId")).isEqualTo("orgs");
        assertThat(export.get("resource")).isEqualTo("organizations");
        assertThat((String) export.get("stateKey")).endsWith("/organizations/orgs");
        assertThat(export.get("position")).isEqualTo("2025-01-01T00:01:00Z");
        assertThat(export.get("records")).isEqualTo(2L);
        assertThat(export.get("pages")).isEqualTo(1L);
        assertThat(export).containsKeys("lagSeconds", "lastPoll", "lastSuccess").doesNotContainKey("lastError");
        assertThat((String) console().call(DevConsole.MediaType.TEXT))
                .contains("Export: route orgs, organizations", "Position: 2025-01-01T00:01:00Z",
                        "Records: 2 in 1 pages");
    }

    @Test
    void countsTheWebhooksDeliveriesByOutcomeAndRefusalReason() throws Exception {
        byte[] body = statusChanged("ev-1", 7, "open", "solved");
        Map<String, String> signed = signedHeaders(SIGNING_SECRET, body, now(), "inv-1");
        assertThat(post(port, PATH, body, signed).statusCode()).isEqualTo(200);
        assertThat(post(port, PATH, body, signed).statusCode()).isEqualTo(200);
        assertThat(post(port, PATH, body, signedHeaders("not-the-secret", body)).statusCode()).isEqualTo(401);

        Map<String, Object> webhook = map(((List<?>) json().get("webhooks")).get(0));
        assertThat(webhook.get("routeId")).isEqualTo("hook");
        assertThat(webhook.get("path")).isEqualTo(PATH);
        assertThat(webhook).containsEntry("accepted", 1L).containsEntry("duplicates", 1L).containsEntry("failed", 0L);
        assertThat(map(webhook.get("refused"))).containsExactly(Map.entry("signature does not match", 1L));
        assertThat((String) console().call(DevConsole.MediaType.TEXT))
                .contains("Webhook: route hook, path " + PATH, "1 accepted, 1 duplicates",
                        "Refused: 1 signature does not match");
    }

    @Test
    void neverShowsASecret() throws Exception {
        context.createProducerTemplate().requestBody("direct:me", (Object) null);
        awaitExportRecords(2);
        String text = (String) console().call(DevConsole.MediaType.TEXT);
        String json = Jsoner.serialize(json());
        assertThat(text).contains("Account: zendesk-localhost-");
        for (String shown : List.of(text, json)) {
            assertThat(shown).doesNotContain(TOKEN).doesNotContain(SIGNING_SECRET);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json() {
        return (Map<String, Object>) console().call(DevConsole.MediaType.JSON);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private void awaitExportRecords(long n) {
        ZendeskExportConsumer export = (ZendeskExportConsumer) context.getRoute("orgs").getConsumer();
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> export.progress().records() >= n);
    }
}
