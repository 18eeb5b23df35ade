package io.camelzendesk.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelzendesk.test.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Endpoint and per-object budgets against WireMock, on the client's clock (a recording sleeper: every wait is
 * recorded, and "happens" at once): Zendesk's documented limits kept without any header, endpoint headers learned,
 * a 429 pausing the budget that refused and nothing else.
 */
class EndpointLimitsTest {

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private ZendeskClient client(RetryPolicy retry) {
        return new ZendeskClient(ZendeskClientConfig.builder(wm.baseUrl(), ZendeskAuth.bearer("t")).sleeper(sleeper)
                .retryPolicy(retry).build());
    }

    private static ZendeskRequest update(String path) {
        return ZendeskRequest.put(path).json("{}".getBytes(StandardCharsets.UTF_8)).repeatable(true).build();
    }

    private static ZendeskResponse<Void> run(ZendeskClient client, ZendeskRequest request) {
        return client.execute(request, BodyReader.DISCARD);
    }

    @Test
    void thirtyUpdatesOfATicketPerTenMinutesThenItWaitsWhileOtherTicketsGoOn() {
        wm.stubFor(put(urlPathMatching("/api/v2/tickets/\\d+(\\.json)?")).willReturn(okJson("{\"ticket\":{}}")));
        RetryPolicy longDeadline = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofMinutes(15));
        try (ZendeskClient client = client(longDeadline)) {
            for (int i = 0; i < 30; i++) {
                run(client, update("/api/v2/tickets/7"));
            }
            assertThat(sleeper.waits()).isEmpty();
            run(client, update("/api/v2/tickets/8.json"));
            assertThat(sleeper.waits()).isEmpty();
            run(client, update("/api/v2/tickets/7"));
            // the 31st update of ticket 7 waits for the first to leave its 10-minute window
            assertThat(sleeper.waits()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600)));
        }
        wm.verify(32, putRequestedFor(urlPathMatching("/api/v2/tickets/\\d+(\\.json)?")));
    }

    @Test
    void aRefusedRequestTakesNoPlaceInTheDocumentedWindow() {
        // Zendesk counts nothing of what it refused (a 429): the retry must not cost a second slot of the
        // organization's 5 a minute
        wm.stubFor(put(urlPathEqualTo("/api/v2/organizations/3")).inScenario("spike")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        wm.stubFor(put(urlPathEqualTo("/api/v2/organizations/3")).inScenario("spike").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"organization\":{}}")));
        try (ZendeskClient client = client(new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(20)))) {
            for (int i = 0; i < 5; i++) {
                run(client, update("/api/v2/organizations/3"));
            }
        }
        // the only waits: Retry-After (and its jitter); the fifth update did not wait for a minute
        assertThat(sleeper.waits()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2)));
        wm.verify(6, putRequestedFor(urlPathEqualTo("/api/v2/organizations/3")));
    }

    @Test
    void aWaitPastTheDeadlineFailsAtOnceNamingTheBudgetAndSendsNothing() {
        wm.stubFor(put(urlPathMatching("/api/v2/organizations/\\d+")).willReturn(okJson("{\"organization\":{}}")));
        try (ZendeskClient client = client(new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(20)))) {
            for (int i = 0; i < 5; i++) {
                run(client, update("/api/v2/organizations/3"));
            }
            assertThatThrownBy(() -> run(client, update("/api/v2/organizations/3")))
                    .isInstanceOf(ZendeskRateLimitException.class)
                    .hasMessageContaining("organizations-update#3")
                    .hasMessageContaining("retryDeadline");
            // its slot was given back: another organization is not held back
            run(client, update("/api/v2/organizations/4"));
        }
        assertThat(sleeper.waits()).isEmpty();
        wm.verify(5, putRequestedFor(urlPathEqualTo("/api/v2/organizations/3")));
    }

    @Test
    void ticketUpdatesKeepToOneHundredAMinuteForTheAccount() {
        wm.stubFor(any(urlPathMatching("/api/v2/tickets/\\d+")).willReturn(okJson("{\"ticket\":{}}")));
        try (ZendeskClient client = client(RetryPolicy.DEFAULT)) {
            for (int i = 0; i < 100; i++) {
                run(client, update("/api/v2/tickets/" + (1000 + i)));
            }
            assertThat(sleeper.waits()).isEmpty();
            run(client, update("/api/v2/tickets/2000"));
            assertThat(sleeper.waits()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
            // reads are not ticket updates
            client.getJson("/api/v2/tickets/1000");
            assertThat(sleeper.waits()).hasSize(1);
        }
    }

    @Test
    void anEndpointHeaderIsLearnedForThatEndpointOnly() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("{\"tickets\":[]}")
                .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "690")
                .withHeader("Zendesk-RateLimit-Tickets-Index", "total=100; remaining=0; resets=41")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/users/me")).willReturn(okJson("{\"user\":{}}")));
        try (ZendeskClient client = client(RetryPolicy.DEFAULT)) {
            client.getJson("/api/v2/tickets");
            client.getJson("/api/v2/users/me");
            assertThat(sleeper.waits()).isEmpty();
            client.getJson("/api/v2/tickets");
            assertThat(sleeper.waits()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(41)));
            assertThat(client.limits().endpoint("tickets-index").lastLimit()).isEqualTo(100);
            assertThat(client.limiter(Budget.GENERAL).lastRemaining()).isEqualTo(690);
        }
    }

    @Test
    void a429OnAnObjectPausesThatObjectNotTheAccountNorOtherObjects() {
        wm.stubFor(put(urlPathEqualTo("/api/v2/organizations/5")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30").withHeader("X-Rate-Limit", "700")
                .withHeader("X-Rate-Limit-Remaining", "650")
                .withBody("{\"errors\":[{\"code\":\"TooManyRequests\",\"title\":\"Too many requests to update\"}]}")));
        wm.stubFor(put(urlPathEqualTo("/api/v2/organizations/6")).willReturn(okJson("{\"organization\":{}}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/users/me")).willReturn(okJson("{\"user\":{}}")));
        try (ZendeskClient client = client(RetryPolicy.NONE)) {
            assertThatThrownBy(() -> run(client, update("/api/v2/organizations/5")))
                    .isInstanceOf(ZendeskRateLimitException.class);
            client.getJson("/api/v2/users/me");
            run(client, update("/api/v2/organizations/6"));
            assertThat(sleeper.waits()).isEmpty();
            assertThat(client.limiter(Budget.GENERAL).pausedFor(sleeper.nanoTime())).isZero();
        }
    }

    @Test
    void a429WithAnExhaustedEndpointHeaderPausesThatEndpoint() {
        wm.stubFor(put(urlPathEqualTo("/api/v2/users/9")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")
                .withHeader("zendesk-ratelimit-create-update-user", "total=1; remaining=0; resets=20")));
        wm.stubFor(put(urlPathEqualTo("/api/v2/users/10")).willReturn(okJson("{\"user\":{}}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/users/me")).willReturn(okJson("{\"user\":{}}")));
        try (ZendeskClient client = client(RetryPolicy.NONE)) {
            assertThatThrownBy(() -> run(client, update("/api/v2/users/9")));
            client.getJson("/api/v2/users/me");
            assertThat(sleeper.waits()).isEmpty();
            // another user's update, drawing on the same budget, waits for its reset, 20 s, not Retry-After's 1 s
            run(client, update("/api/v2/users/10"));
            assertThat(sleeper.waits()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20)));
        }
    }

    @Test
    void a429WithTheAccountExhaustedPausesTheAccount() {
        wm.stubFor(put(urlPathEqualTo("/api/v2/tickets/1")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "15").withHeader("X-Rate-Limit", "200")
                .withHeader("X-Rate-Limit-Remaining", "0")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/users/me")).willReturn(okJson("{\"user\":{}}")));
        try (ZendeskClient client = client(RetryPolicy.NONE)) {
            assertThatThrownBy(() -> run(client, update("/api/v2/tickets/1")));
            client.getJson("/api/v2/users/me");
            assertThat(sleeper.waits()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(14), Duration.ofSeconds(60)));
        }
    }

    @Test
    void helpCenterHasItsOwnAccountBudget() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/help_center/articles")).willReturn(okJson("{\"articles\":[]}")
                .withHeader("X-Rate-Limit", "400").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("ratelimit-reset", "30")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/users/me")).willReturn(okJson("{\"user\":{}}")));
        try (ZendeskClient client = client(RetryPolicy.DEFAULT)) {
            client.getJson("/api/v2/help_center/articles");
            client.getJson("/api/v2/users/me");
            assertThat(sleeper.waits()).isEmpty();
            client.getJson("/api/v2/help_center/articles");
            assertThat(sleeper.waits()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30)));
        }
    }

    @Test
    void headersOfEverySpellingAndEndpointValuesInAnyOrder() {
        RateLimitHeaders h = RateLimitHeaders.parse(Map.of("RateLimit-Remaining", List.of("3"),
                "x-rate-limit", List.of("400"), "Zendesk-RateLimit-Inflight-Jobs", List.of("resets=60;total=30; remaining=29"),
                "zendesk-ratelimit-", List.of("total=1")));
        assertThat(h.account()).isEqualTo(new RateLimitHeaders.Values("account", 400, 3, -1));
        assertThat(h.endpoints()).containsExactly(new RateLimitHeaders.Values("inflight-jobs", 30, 29, 60));
        assertThat(EndpointLimits.template("/api/v2/tickets/12/comments.json")).isEqualTo("/api/v2/tickets/{id}/comments");
        assertThat(EndpointLimits.objectId("/api/v2/users/77.json")).isEqualTo("77");
    }
}
