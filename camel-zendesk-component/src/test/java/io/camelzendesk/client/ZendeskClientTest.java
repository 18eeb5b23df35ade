package io.camelzendesk.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelzendesk.test.LogCapture;
import io.camelzendesk.test.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client alone, against WireMock: what goes over the wire, retries, throttling, pagination, auth. */
class ZendeskClientTest {

    private static final String TOKEN = "s3cr3t-api-token-value";
    private static final String ME = "{\"user\":{\"id\":1,\"name\":\"Admin\",\"email\":\"admin@example.com\","
                                     + "\"role\":\"admin\"}}";

    // a server per test: the account-wide rate limiter is keyed by host and port
    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private ZendeskClient client(ZendeskAuth auth) {
        return client(auth, RetryPolicy.DEFAULT, Duration.ofSeconds(10));
    }

    private ZendeskClient client(ZendeskAuth auth, RetryPolicy retry, Duration requestTimeout) {
        return new ZendeskClient(ZendeskClientConfig.builder(wm.baseUrl(), auth).sleeper(sleeper).retryPolicy(retry)
                .requestTimeout(requestTimeout).build());
    }

    private ZendeskClient apiTokenClient() {
        return client(ZendeskAuth.apiToken("agent@example.com", TOKEN));
    }

    @Test
    void apiTokenSendsBasicEmailSlashTokenAndUserAgent() {
        wm.stubFor(get("/api/v2/users/me").willReturn(okJson(ME)));
        try (ZendeskClient client = apiTokenClient()) {
            JsonNode me = client.getJson("/api/v2/users/me");
            assertThat(me.path("user").path("id").asLong()).isEqualTo(1);
        }
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString(("agent@example.com/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        wm.verify(getRequestedFor(urlEqualTo("/api/v2/users/me"))
                .withHeader("Authorization", equalTo(expected))
                .withHeader("User-Agent", matching("camel-zendesk/\\S+ .*")));
    }

    @Test
    void oauthTokenSendsBearer() {
        wm.stubFor(get("/api/v2/users/me").willReturn(okJson(ME)));
        try (ZendeskClient client = client(ZendeskAuth.bearer("oauth-abc"))) {
            client.getJson("/api/v2/users/me");
        }
        wm.verify(getRequestedFor(urlEqualTo("/api/v2/users/me")).withHeader("Authorization", equalTo("Bearer oauth-abc")));
    }

    @Test
    void tokenProviderIsAskedAndToldAboutA401() {
        List<String> invalidated = new ArrayList<>();
        AtomicInteger issued = new AtomicInteger();
        ZendeskTokenProvider provider = new ZendeskTokenProvider() {
            @Override
            public String accessToken() {
                return "rotating-" + issued.get();
            }

            @Override
            public void invalidate(String accessToken) {
                invalidated.add(accessToken);
                issued.incrementAndGet();
            }
        };
        wm.stubFor(get("/api/v2/users/me").withHeader("Authorization", equalTo("Bearer rotating-0"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_token\"}")));
        wm.stubFor(get("/api/v2/users/me").withHeader("Authorization", equalTo("Bearer rotating-1"))
                .willReturn(okJson(ME)));
        try (ZendeskClient client = client(ZendeskAuth.tokenProvider(provider))) {
            client.getJson("/api/v2/users/me");
        }
        assertThat(invalidated).containsExactly("rotating-0");
    }

    @Test
    void clientCredentialsFetchOneTokenForManyCalls() {
        wm.stubFor(post("/oauth/tokens").willReturn(okJson(
                "{\"access_token\":\"cc-1\",\"token_type\":\"bearer\",\"scope\":\"read write\",\"expires_in\":3600}")));
        wm.stubFor(get("/api/v2/users/me").withHeader("Authorization", equalTo("Bearer cc-1")).willReturn(okJson(ME)));
        try (ZendeskClient client = client(ZendeskAuth.clientCredentials("my-client", "my-secret", "read", null))) {
            for (int i = 0; i < 5; i++) {
                client.getJson("/api/v2/users/me");
            }
        }
        wm.verify(1, postRequestedFor(urlEqualTo("/oauth/tokens"))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials")))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo("my-client")))
                .withRequestBody(matchingJsonPath("$.client_secret", equalTo("my-secret")))
                .withRequestBody(matchingJsonPath("$.scope", equalTo("read"))));
        wm.verify(5, getRequestedFor(urlEqualTo("/api/v2/users/me")));
    }

    @Test
    void clientCredentialsTokenRenewedBeforeExpiry() throws Exception {
        wm.stubFor(post("/oauth/tokens").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"short-1\",\"expires_in\":1}")).willSetStateTo("second"));
        wm.stubFor(post("/oauth/tokens").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"short-2\",\"expires_in\":3600}")));
        wm.stubFor(get("/api/v2/users/me").willReturn(okJson(ME)));
        try (ZendeskClient client = client(ZendeskAuth.clientCredentials("c", "s", null, null))) {
            client.getJson("/api/v2/users/me");
            Thread.sleep(700); // a 1 s token is renewed once half of it has passed
            client.getJson("/api/v2/users/me");
        }
        wm.verify(2, postRequestedFor(urlEqualTo("/oauth/tokens")));
        wm.verify(getRequestedFor(urlEqualTo("/api/v2/users/me")).withHeader("Authorization", equalTo("Bearer short-1")));
        wm.verify(getRequestedFor(urlEqualTo("/api/v2/users/me")).withHeader("Authorization", equalTo("Bearer short-2")));
    }

    @Test
    void clientCredentialsRenewedOnceOnA401() {
        wm.stubFor(post("/oauth/tokens").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"revoked\",\"expires_in\":3600}")).willSetStateTo("second"));
        wm.stubFor(post("/oauth/tokens").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"fresh\",\"expires_in\":3600}")));
        wm.stubFor(get("/api/v2/users/me").withHeader("Authorization", equalTo("Bearer revoked"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Couldn't authenticate you\"}")));
        wm.stubFor(get("/api/v2/users/me").withHeader("Authorization", equalTo("Bearer fresh")).willReturn(okJson(ME)));
        try (ZendeskClient client = client(ZendeskAuth.clientCredentials("c", "s", null, null))) {
            client.getJson("/api/v2/users/me");
            client.getJson("/api/v2/users/me");
        }
        wm.verify(2, postRequestedFor(urlEqualTo("/oauth/tokens")));
        wm.verify(3, getRequestedFor(urlEqualTo("/api/v2/users/me")));
    }

    @Test
    void a401ThatPersistsFailsAfterOneRenewal() {
        wm.stubFor(post("/oauth/tokens").willReturn(okJson("{\"access_token\":\"never-good\"}")));
        wm.stubFor(get("/api/v2/users/me").willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"Couldn't authenticate you\"}")));
        try (ZendeskClient client = client(ZendeskAuth.clientCredentials("c", "s", null, null))) {
            assertThatThrownBy(() -> client.getJson("/api/v2/users/me"))
                    .isInstanceOf(ZendeskAuthenticationException.class)
                    .hasMessageContaining("401").hasMessageContaining("Couldn't authenticate you");
        }
        wm.verify(2, getRequestedFor(urlEqualTo("/api/v2/users/me")));
        wm.verify(2, postRequestedFor(urlEqualTo("/oauth/tokens")));
    }

    @Test
    void a429WithJsonBodyWaitsRetryAfterThenSucceeds() {
        rateLimitedOnceThenOk("{\"error\":\"RateLimited\",\"description\":\"Too many requests\"}", "application/json");
    }

    @Test
    void a429WithPlainTextBodyWaitsRetryAfterThenSucceeds() {
        rateLimitedOnceThenOk("Number of allowed API requests per minute exceeded", "text/plain");
    }

    private void rateLimitedOnceThenOk(String body, String contentType) {
        wm.stubFor(get("/api/v2/users/me").inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", contentType).withBody(body))
                .willSetStateTo("ok"));
        wm.stubFor(get("/api/v2/users/me").inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(ME)));
        try (ZendeskClient client = apiTokenClient()) {
            client.getJson("/api/v2/users/me");
            assertThat(client.metrics().rateLimited()).isEqualTo(1);
            assertThat(client.metrics().retries()).isEqualTo(1);
        }
        // Retry-After, and up to a second more (so that nodes refused together do not come back together)
        assertThat(sleeper.total()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(3100));
        wm.verify(2, getRequestedFor(urlEqualTo("/api/v2/users/me")));
    }

    @Test
    void a503IsRetriedWithBackoff() {
        wm.stubFor(get("/api/v2/tickets/1").inScenario("503").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("upstream unavailable")).willSetStateTo("ok"));
        wm.stubFor(get("/api/v2/tickets/1").inScenario("503").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"ticket\":{\"id\":1}}")));
        try (ZendeskClient client = apiTokenClient()) {
            client.getJson("/api/v2/tickets/1");
        }
        assertThat(sleeper.waits()).hasSize(1);
        assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void retriesExhaustedRaiseTheLastStatus() {
        wm.stubFor(get("/api/v2/tickets/1").willReturn(aResponse().withStatus(503)
                .withHeader("X-Zendesk-Request-Id", "req-77").withBody("{\"error\":\"ServiceUnavailable\"}")));
        RetryPolicy three = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));
        try (ZendeskClient client = client(ZendeskAuth.apiToken("a@b.c", TOKEN), three, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.getJson("/api/v2/tickets/1"))
                    .isInstanceOfSatisfying(ZendeskApiException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(503);
                        assertThat(e.getError()).isEqualTo("ServiceUnavailable");
                        assertThat(e.getAttempts()).isEqualTo(4);
                        assertThat(e.getRequestId()).isEqualTo("req-77");
                        assertThat(e.getMethod()).isEqualTo("GET");
                        assertThat(e.getPath()).isEqualTo("/api/v2/tickets/1");
                    });
        }
        wm.verify(4, getRequestedFor(urlEqualTo("/api/v2/tickets/1")));
    }

    @Test
    void aPostThatTimedOutWithoutIdempotencyKeyIsNotRetried() {
        wm.stubFor(post("/api/v2/tickets").willReturn(okJson("{\"ticket\":{\"id\":9}}").withFixedDelay(1500)));
        try (ZendeskClient client = client(ZendeskAuth.apiToken("a@b.c", TOKEN), RetryPolicy.DEFAULT,
                Duration.ofMillis(300))) {
            assertThatThrownBy(() -> client.execute(ZendeskRequest.post("/api/v2/tickets").json("{}".getBytes()).build(),
                    BodyReader.DISCARD)).isInstanceOfSatisfying(ZendeskWriteOutcomeUnknownException.class, e -> {
                        assertThat(e.getAttempts()).isEqualTo(1);
                        assertThat(e.getStatus()).isNull();
                        assertThat(e.getMessage()).contains("no answer within the request timeout")
                                .contains("may have happened");
                    });
        }
        wm.verify(1, postRequestedFor(urlEqualTo("/api/v2/tickets")));
    }

    @Test
    void aPostThatTimedOutWithIdempotencyKeyIsRetried() {
        wm.stubFor(post("/api/v2/tickets").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"ticket\":{\"id\":9}}").withFixedDelay(1500)).willSetStateTo("fast"));
        wm.stubFor(post("/api/v2/tickets").inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(okJson("{\"ticket\":{\"id\":9}}").withHeader("x-idempotency-lookup", "hit")));
        try (ZendeskClient client = client(ZendeskAuth.apiToken("a@b.c", TOKEN), RetryPolicy.DEFAULT,
                Duration.ofMillis(300))) {
            ZendeskResponse<Void> r = client.execute(ZendeskRequest.post("/api/v2/tickets").idempotencyKey("msg-1")
                    .json("{}".getBytes()).build(), BodyReader.DISCARD);
            assertThat(r.header("x-idempotency-lookup")).isEqualTo("hit");
        }
        wm.verify(2, postRequestedFor(urlEqualTo("/api/v2/tickets")).withHeader("Idempotency-Key", equalTo("msg-1")));
    }

    @Test
    void aPostThatGotA500WithoutKeyIsNotRetried() {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(500)));
        try (ZendeskClient client = apiTokenClient()) {
            assertThatThrownBy(() -> client.execute(ZendeskRequest.post("/api/v2/tickets").json("{}".getBytes()).build(),
                    BodyReader.DISCARD)).isInstanceOfSatisfying(ZendeskWriteOutcomeUnknownException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(500);
                        assertThat(e.getCause()).isInstanceOf(ZendeskApiException.class);
                    });
        }
        wm.verify(1, postRequestedFor(urlEqualTo("/api/v2/tickets")));
    }

    @Test
    void aConnectionResetOnGetIsRetried() {
        wm.stubFor(get("/api/v2/tickets/1").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wm.stubFor(get("/api/v2/tickets/1").inScenario("reset").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"ticket\":{\"id\":1}}")));
        try (ZendeskClient client = apiTokenClient()) {
            assertThat(client.getJson("/api/v2/tickets/1").path("ticket").path("id").asLong()).isEqualTo(1);
        }
    }

    @Test
    void lowRemainingBudgetSlowsTheNextRequestsDown() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/1")).willReturn(okJson("{\"ticket\":{\"id\":1}}")
                .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "5")));
        try (ZendeskClient client = apiTokenClient()) {
            client.getJson("/api/v2/tickets/1");
            assertThat(sleeper.waits()).isEmpty();
            client.getJson("/api/v2/tickets/1");
            client.getJson("/api/v2/tickets/1");
            assertThat(client.limiter(Budget.GENERAL).lastRemaining()).isEqualTo(5);
        }
        // 5 left in a 60 s window: about 12 s between requests rather than running into a 429
        assertThat(sleeper.waits()).isNotEmpty();
        assertThat(sleeper.waits().get(sleeper.waits().size() - 1)).isGreaterThan(Duration.ofSeconds(5));
    }

    @Test
    void anyRateLimitHeaderSpellingIsUnderstood() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("{\"tickets\":[]}")
                .withHeader("ratelimit-limit", "400").withHeader("RateLimit-Remaining", "3")
                .withHeader("ratelimit-reset", "30")));
        try (ZendeskClient client = apiTokenClient()) {
            client.getJson("/api/v2/tickets");
            client.getJson("/api/v2/tickets");
            assertThat(client.limiter(Budget.GENERAL).lastRemaining()).isEqualTo(3);
            assertThat(client.limiter(Budget.GENERAL).lastLimit()).isEqualTo(400);
        }
        // 3 left in 30 s: 10 s apart
        assertThat(sleeper.waits()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(9),
                Duration.ofSeconds(10)));
    }

    @Test
    void highRemainingBudgetDoesNotThrottle() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/1")).willReturn(okJson("{\"ticket\":{\"id\":1}}")
                .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "650")));
        try (ZendeskClient client = apiTokenClient()) {
            for (int i = 0; i < 5; i++) {
                client.getJson("/api/v2/tickets/1");
            }
        }
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void requestsPerMinuteSpacesRequests() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/1")).willReturn(okJson("{\"ticket\":{\"id\":1}}")));
        try (ZendeskClient client = new ZendeskClient(ZendeskClientConfig.builder(wm.baseUrl(),
                ZendeskAuth.bearer("t")).sleeper(sleeper).requestsPerMinute(120).build())) {
            for (int i = 0; i < 3; i++) {
                client.getJson("/api/v2/tickets/1");
            }
        }
        // 120 per minute: 500 ms apart
        assertThat(sleeper.waits()).hasSize(2).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(300),
                Duration.ofMillis(500)));
    }

    @Test
    void cursorPagesAreFetchedOnlyWhenNeeded() {
        String base = wm.baseUrl();
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("page[size]", equalTo("2"))
                .willReturn(okJson(page(1, 2, true, base + "/api/v2/tickets.json?page%5Bafter%5D=c2&page%5Bsize%5D=2"))));
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).withQueryParam("page[after]", equalTo("c2"))
                .willReturn(okJson(page(3, 4, true, base + "/api/v2/tickets.json?page%5Bafter%5D=c3&page%5Bsize%5D=2"))));
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).withQueryParam("page[after]", equalTo("c3"))
                .willReturn(okJson(page(5, 5, false, null))));
        try (ZendeskClient client = apiTokenClient()) {
            PageIterator<Map> it = client.paginate(ZendeskRequest.get("/api/v2/tickets").query("page[size]", 2).build(),
                    new PageReader<>("tickets", Map.class, false), 0);
            wm.verify(0, getRequestedFor(anyUrl()));
            List<Object> ids = new ArrayList<>();
            ids.add(it.next().get("id"));
            ids.add(it.next().get("id"));
            wm.verify(1, getRequestedFor(anyUrl()));
            ids.add(it.next().get("id"));
            wm.verify(2, getRequestedFor(anyUrl()));
            it.forEachRemaining(t -> ids.add(t.get("id")));
            assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(it.pagesFetched()).isEqualTo(3);
        }
        wm.verify(3, getRequestedFor(anyUrl()));
    }

    @Test
    void aNextPageOnAnotherHostIsRefused() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson(
                page(1, 1, true, "https://evil.example.com/api/v2/tickets.json?page%5Bafter%5D=x"))));
        try (ZendeskClient client = apiTokenClient()) {
            PageIterator<Map> it = client.paginate(ZendeskRequest.get("/api/v2/tickets").build(),
                    new PageReader<>("tickets", Map.class, false), 0);
            it.next();
            assertThatThrownBy(it::hasNext).isInstanceOf(ZendeskException.class)
                    .hasMessageContaining("another host").hasMessageContaining("evil.example.com")
                    .hasMessageContaining("nothing was sent");
        }
        wm.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void zendeskErrorsBecomeTypedExceptions() {
        wm.stubFor(get("/api/v2/tickets/404").willReturn(aResponse().withStatus(404).withHeader("Content-Type",
                "application/json").withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));
        wm.stubFor(put("/api/v2/tickets/1").willReturn(aResponse().withStatus(422).withBody(
                "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":{\"subject\":"
                + "[{\"description\":\"Subject: cannot be blank\",\"error\":\"BlankValue\"}]}}")));
        try (ZendeskClient client = apiTokenClient()) {
            assertThatThrownBy(() -> client.getJson("/api/v2/tickets/404"))
                    .isInstanceOfSatisfying(ZendeskNotFoundException.class, e -> {
                        assertThat(e.getError()).isEqualTo("RecordNotFound");
                        assertThat(e.getDescription()).isEqualTo("Not found");
                    });
            assertThatThrownBy(() -> client.execute(ZendeskRequest.put("/api/v2/tickets/1").json("{}".getBytes())
                    .build(), BodyReader.DISCARD))
                    .isInstanceOfSatisfying(ZendeskValidationException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(422);
                        assertThat(e.getDetails()).containsKey("subject");
                        assertThat(e.getDetails().get("subject").get(0)).containsEntry("error", "BlankValue");
                        assertThat(e.getMessage()).contains("Subject: cannot be blank");
                    });
        }
    }

    @Test
    void noSecretInExceptionsOrDebugLogOfAFailingRequest() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody("Number of allowed API requests per minute exceeded")));
        RetryPolicy once = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMinutes(1));
        try (LogCapture log = LogCapture.capture();
             ZendeskClient client = client(ZendeskAuth.apiToken("agent@example.com", TOKEN), once,
                     Duration.ofSeconds(5))) {
            Throwable thrown = null;
            try {
                client.execute(ZendeskRequest.post("/api/v2/tickets").json("{\"ticket\":{}}".getBytes()).build(),
                        BodyReader.DISCARD);
            } catch (ZendeskRateLimitException e) {
                thrown = e;
            }
            assertThat(thrown).isNotNull();
            String everything = thrown + " " + thrown.getMessage() + " " + client + " " + client.config() + "\n"
                                + log.text();
            assertThat(log.text()).contains("POST /api/v2/tickets -> 429");
            assertThat(everything).doesNotContain(TOKEN)
                    .doesNotContain(Base64.getEncoder().encodeToString(("agent@example.com/token:" + TOKEN).getBytes()));
        }
    }

    private static String page(int from, int to, boolean hasMore, String next) {
        StringBuilder sb = new StringBuilder("{\"tickets\":[");
        for (int i = from; i <= to; i++) {
            sb.append(i > from ? "," : "").append("{\"id\":").append(i).append(",\"subject\":\"T").append(i).append("\"}");
        }
        sb.append("],\"meta\":{\"has_more\":").append(hasMore).append(",\"after_cursor\":\"c").append(to)
                .append("\"},\"links\":{\"next\":").append(next == null ? "null" : "\"" + next + "\"").append("}}");
        return sb.toString();
    }
}
