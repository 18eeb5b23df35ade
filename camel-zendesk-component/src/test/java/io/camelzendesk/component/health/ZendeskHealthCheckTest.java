package io.camelzendesk.component.health;

import java.util.Collection;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelzendesk.test.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.account.AccountSettings;

/** Readiness of the account through Camel's health-check API. */
class ZendeskHealthCheckTest {

    private static final String TOKEN = "health-secret-token";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private HealthCheck.Result zendeskReadiness() throws Exception {
        return zendeskReadiness(wm.baseUrl());
    }

    private HealthCheck.Result zendeskReadiness(String baseUrl) throws Exception {
        return zendeskReadiness(baseUrl, "&maxRetries=0");
    }

    private HealthCheck.Result zendeskReadiness(String baseUrl, String options) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:me").to("zendesk:users?operation=me&baseUrl=" + baseUrl
                                     + "&email=agent@example.com&apiToken=" + TOKEN + options);
            }
        });
        context.start();
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);
        return results.stream().filter(r -> r.getCheck().getId().startsWith("zendesk-")).findFirst().orElseThrow();
    }

    @Test
    void upWhenUsersMeAnswers() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(okJson("{\"user\":{\"id\":1,\"role\":\"admin\"}}")));
        HealthCheck.Result result = zendeskReadiness();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("baseUrl", wm.baseUrl())
                .containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 200);
    }

    @Test
    void healthCheckProducerEnabledFalseTurnsTheAccountCheckOff() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(aResponse().withStatus(401)));
        context = new DefaultCamelContext();
        context.getComponent("zendesk", ZendeskComponent.class).setHealthCheckProducerEnabled(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:me").to("zendesk:users?operation=me&baseUrl=" + wm.baseUrl()
                                     + "&email=agent@example.com&apiToken=" + TOKEN);
            }
        });
        context.start();
        // registered, as Camel registers a disabled check, but off: it does not probe, the account's 401 does not count
        HealthCheck.Result result = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("zendesk-")).findFirst().orElseThrow();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UNKNOWN);
        assertThat(result.getDetails()).containsEntry(HealthCheck.CHECK_ENABLED, false);
        wm.verify(0, getRequestedFor(urlEqualTo("/api/v2/users/me")));
    }

    @Test
    void healthCheckConsumerEnabledFalseTurnsTheExportsPollCheckOff() throws Exception {
        for (boolean enabled : new boolean[] { true, false }) {
            context = new DefaultCamelContext();
            context.getComponent("zendesk", ZendeskComponent.class).setHealthCheckConsumerEnabled(enabled);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("zendesk:organizations?baseUrl=" + wm.baseUrl() + "&oauthToken=tok&initialDelay=600000"
                         + "&stateDirectory=target/health-" + enabled).routeId("orgs").log("${body}");
                }
            });
            context.start();
            // Camel's own check of a polling consumer (last poll, errors), which the health registry shows
            HealthCheck pollCheck = ((HealthCheckAware) context.getRoute("orgs").getConsumer()).getHealthCheck();
            assertThat(pollCheck.isEnabled()).as("healthCheckConsumerEnabled=" + enabled).isEqualTo(enabled);
            // and ours of the export (position, lag)
            assertThat(HealthCheckHelper.getHealthCheck(context, "zendesk-export-orgs")).isNotNull()
                    .satisfies(check -> assertThat(check.isEnabled()).isEqualTo(enabled));
            context.stop();
        }
    }

    @Test
    void downWithStatusAndZendeskErrorOn401() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"Couldn't authenticate you\"}")));
        try (LogCapture log = LogCapture.capture()) {
            HealthCheck.Result result = zendeskReadiness();
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            Map<String, Object> details = result.getDetails();
            assertThat(details).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401).containsEntry("zendesk.error",
                    "Couldn't authenticate you");
            assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("401"));
            assertThat(result.getMessage().orElse("") + log.text()).doesNotContain(TOKEN);
        }
    }

    @Test
    void downWhen403MeansAMissingScope() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":\"Forbidden\",\"description\":\"You do not have access to this page.\"}")));
        HealthCheck.Result result = zendeskReadiness();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 403);
    }

    @Test
    void downWhenUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HealthCheck.Result result = zendeskReadiness("http://127.0.0.1:" + closedPort);
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("unreachable"));
    }

    @Test
    void aProbeIsOneAttemptWhateverTheRetrySettings() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(aResponse().withStatus(503)));
        // routes retry a 503 five times with backoff; the probe answers after the first
        HealthCheck.Result result = zendeskReadiness(wm.baseUrl(), "&maxRetries=5");
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 503);
        wm.verify(1, getRequestedFor(urlEqualTo("/api/v2/users/me")));
    }

    @Test
    void upWhenZendeskAnswersWithItsRateLimit() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"error\":\"APIRateLimitExceeded\"}")));
        HealthCheck.Result result = zendeskReadiness(wm.baseUrl(), "");
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 429);
        wm.verify(1, getRequestedFor(urlEqualTo("/api/v2/users/me")));
    }

    @Test
    void endpointsDifferingInOneSettingEachHaveTheirCheckAndStoppingOneKeepsTheOther() throws Exception {
        wm.stubFor(get("/api/v2/users/me").willReturn(okJson("{\"user\":{\"id\":1}}")));
        context = new DefaultCamelContext();
        String account = "zendesk:users?operation=me&baseUrl=" + wm.baseUrl() + "&email=agent@example.com&apiToken="
                         + TOKEN;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").routeId("a").to(account + "&maxRetries=1");
                from("direct:b").routeId("b").to(account + "&maxRetries=2");
                from("direct:c").routeId("c").to(account + "&maxRetries=2&id=3");
            }
        });
        context.start();
        assertThat(zendeskCheckIds()).hasSize(2).allSatisfy(id -> assertThat(id)
                .matches("zendesk-localhost-" + wm.getPort() + "-[0-9a-f]{8}").doesNotContain(TOKEN));
        String checkOfA = AccountSettings.of(
                context.getEndpoint(account + "&maxRetries=1", ZendeskEndpoint.class).getConfiguration()).id();
        String checkOfB = AccountSettings.of(
                context.getEndpoint(account + "&maxRetries=2", ZendeskEndpoint.class).getConfiguration()).id();
        assertThat(zendeskCheckIds()).containsExactlyInAnyOrder(checkOfA, checkOfB);

        context.getRouteController().stopRoute("a");
        context.removeRoute("a");
        assertThat(zendeskCheckIds()).containsExactly(checkOfB);
        // b and c share a client (id is not a client setting): stopping b keeps the check for c
        context.getRouteController().stopRoute("b");
        context.removeRoute("b");
        assertThat(zendeskCheckIds()).containsExactly(checkOfB);
        assertThat(HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals(checkOfB)).findFirst().orElseThrow().getState())
                .isEqualTo(HealthCheck.State.UP);
        context.getRouteController().stopRoute("c");
        context.removeRoute("c");
        assertThat(zendeskCheckIds()).isEmpty();
    }

    private java.util.List<String> zendeskCheckIds() {
        return org.apache.camel.health.HealthCheckRegistry.get(context).stream()
                .map(HealthCheck::getId).filter(id -> id.startsWith("zendesk-")).sorted().toList();
    }

}
