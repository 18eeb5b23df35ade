package io.camelzendesk.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskTransportException;
import io.camelzendesk.client.ZendeskWriteOutcomeUnknownException;
import io.camelzendesk.model.Ticket;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write that may already have happened is never sent again: every write that is not safe to repeat, answered
 * 500/502/503 (no Retry-After)/504, reset or closed after the request arrived, or timed out, reached Zendesk once
 * and failed with {@link ZendeskWriteOutcomeUnknownException}; 429 and 503 with Retry-After are retried; reads,
 * deletes, updates without comment and keyed creates keep their retries.
 */
class ZendeskWriteRetriesTest extends ZendeskTestSupport {

    private static final String JOB = "{\"job_status\":{\"id\":\"j1\",\"status\":\"completed\",\"results\":[]}}";

    /** A write that must never be sent twice: the request it makes, and how to send it through the producer. */
    record Write(String name, String method, String path, String okBody, Consumer<ZendeskWriteRetriesTest> extraStubs,
            String uri, Object body, Map<String, Object> headers) {
        Write withOptions(String options) {
            return new Write(name, method, path, okBody, extraStubs, uri + options, body, headers);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Write> nonRepeatable() {
        List<Write> out = new ArrayList<>();
        String ticket = "/api/v2/tickets/35436";
        out.add(new Write("update with a comment", "PUT", ticket, "ticket.json", t -> { }, "zendesk:tickets?operation=update",
                Map.of("status", "pending", "comment", Map.of("body", "We are on it", "public", true)),
                Map.of(ZendeskConstants.ID, 35436L)));
        out.add(new Write("addComment", "PUT", ticket, "ticket.json", t -> { }, "zendesk:tickets?operation=addComment",
                "We are on it", Map.of(ZendeskConstants.ID, 35436L)));
        out.add(new Write("safe update", "PUT", ticket, "ticket.json", t -> { },
                "zendesk:tickets?operation=update&safeUpdate=true", Map.of("status", "solved"),
                Map.of(ZendeskConstants.ID, 35436L, ZendeskConstants.UPDATED_STAMP, "2024-08-05T10:38:52Z")));
        out.add(new Write("applyAndSave of a macro that comments", "PUT", ticket, "ticket_solved_by_macro.json",
                t -> t.wm.stubFor(get("/api/v2/tickets/35436/macros/360111/apply")
                        .willReturn(okJson(t.fixture("macro_apply.json")))),
                "zendesk:macros?operation=applyAndSave", null,
                Map.of(ZendeskConstants.ID, 360111L, ZendeskConstants.PARENT_ID, 35436L)));
        out.add(new Write("updateMany with comments", "PUT", "/api/v2/tickets/update_many", null, t -> { },
                "zendesk:tickets?operation=updateMany",
                List.of(Map.of("id", 1, "comment", Map.of("body", "Fixed in 2.1")),
                        Map.of("id", 2, "comment", Map.of("body", "Fixed in 2.1"))), Map.of()));
        out.add(new Write("createMany", "POST", "/api/v2/users/create_many", null, t -> { },
                "zendesk:users?operation=createMany", List.of(Map.of("name", "Ann", "email", "ann@example.org")),
                Map.of()));
        out.add(new Write("deleteMany", "DELETE", "/api/v2/tickets/destroy_many", null, t -> { },
                "zendesk:tickets?operation=deleteMany", List.of(1, 2, 3), Map.of()));
        out.add(new Write("create without key (user)", "POST", "/api/v2/users", "user.json", t -> { },
                "zendesk:users?operation=create", Map.of("name", "Ann", "email", "ann@example.org"), Map.of()));
        out.add(new Write("upsert matching no key (organization)", "POST", "/api/v2/organizations/create_or_update",
                "organization.json", t -> { }, "zendesk:organizations?operation=createOrUpdate",
                Map.of("name", "Acme"), Map.of()));
        return out;
    }

    /** Failures after which Zendesk may have done the work. */
    static List<Object[]> ambiguousFailures() {
        return List.of(
                new Object[] { "500", aResponse().withStatus(500), 500, "" },
                new Object[] { "502", aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"), 502, "" },
                new Object[] { "503 without Retry-After", aResponse().withStatus(503), 503, "" },
                new Object[] { "504", aResponse().withStatus(504), 504, "" },
                new Object[] { "connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), null, "" },
                new Object[] { "connection closed, no answer", aResponse().withFault(Fault.EMPTY_RESPONSE), null, "" },
                new Object[] { "timeout", aResponse().withStatus(200).withFixedDelay(1500), null,
                        "&requestTimeout=500" });
    }

    static Stream<Arguments> everyWriteUnderEveryAmbiguousFailure() {
        return nonRepeatable().stream().flatMap(w -> ambiguousFailures().stream()
                .map(f -> Arguments.of(w.withOptions((String) f[3]), f[0], f[1], f[2])));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyWriteUnderEveryAmbiguousFailure")
    void aWriteThatMayHaveHappenedIsSentOnceAndFailsSayingSo(Write write, String failure,
            ResponseDefinitionBuilder answer, Integer status) {
        write.extraStubs().accept(this);
        wm.stubFor(request(write.method(), urlPathEqualTo(write.path())).willReturn(answer));

        Exchange ex = send(write);

        assertThat(ex.getException()).as(failure).isInstanceOfSatisfying(ZendeskWriteOutcomeUnknownException.class,
                e -> {
                    assertThat(e.getMessage()).contains(write.method() + " " + write.path())
                            .contains("may have happened").contains("not repeated");
                    assertThat(e.getStatus()).isEqualTo(status);
                    assertThat(e.getAttempts()).isEqualTo(1);
                    assertThat(e.getMethod()).isEqualTo(write.method());
                });
        assertThat(requests(write.method(), write.path())).as("requests that reached the server").hasSize(1);
    }

    static Stream<Arguments> everyWriteRefusedUnprocessed() {
        return nonRepeatable().stream().flatMap(w -> Stream.of(
                Arguments.of(w, "429", aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withBody("Number of allowed API requests per minute exceeded")),
                Arguments.of(w, "503 with Retry-After", aResponse().withStatus(503).withHeader("Retry-After", "0"))));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyWriteRefusedUnprocessed")
    void aWriteZendeskRefusedUnprocessedIsRetried(Write write, String failure, ResponseDefinitionBuilder refusal) {
        write.extraStubs().accept(this);
        wm.stubFor(request(write.method(), urlPathEqualTo(write.path())).inScenario("refused")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(refusal).willSetStateTo("ok"));
        ResponseDefinitionBuilder ok = write.okBody() == null ? okJson(JOB) : okJson(fixture(write.okBody()));
        wm.stubFor(request(write.method(), urlPathEqualTo(write.path())).inScenario("refused")
                .whenScenarioStateIs("ok").willReturn(ok));
        wm.stubFor(get(urlPathMatching("/api/v2/job_statuses/.*")).willReturn(okJson(JOB)));

        Exchange ex = send(write);

        assertThat(ex.getException()).as(failure).isNull();
        assertThat(requests(write.method(), write.path())).hasSize(2);
    }

    @Test
    void aSafeUpdateAnswered502IsNotRetriedSoNoFalseConflict() {
        wm.stubFor(put("/api/v2/tickets/35436").inScenario("done").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("changed"));
        // what a repeat would get: the first attempt changed the ticket, so its updated_at no longer matches
        wm.stubFor(put("/api/v2/tickets/35436").inScenario("done").whenScenarioStateIs("changed")
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody(fixture("errors/409.json"))));

        Exchange ex = template.send("zendesk:tickets?operation=update&safeUpdate=true", e -> {
            e.getMessage().setHeaders(Map.of(ZendeskConstants.ID, 35436L,
                    ZendeskConstants.UPDATED_STAMP, "2024-08-05T10:38:52Z"));
            e.getMessage().setBody(Map.of("status", "solved"));
        });

        assertThat(ex.getException()).isInstanceOf(ZendeskWriteOutcomeUnknownException.class)
                .hasCauseInstanceOf(ZendeskApiException.class).hasMessageContaining("HTTP 502");
        assertThat(requests("PUT", "/api/v2/tickets/35436")).hasSize(1);
    }

    @Test
    void aConnectionRefusedIsRetriedForAWriteAndNamesHostAndPort() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Exchange ex = template.send("zendesk:tickets?operation=addComment&maxRetries=2&baseUrl=http://127.0.0.1:" + closed,
                e -> {
                    e.getMessage().setHeader(ZendeskConstants.ID, 35436L);
                    e.getMessage().setBody("We are on it");
                });
        assertThat(ex.getException()).isInstanceOfSatisfying(ZendeskTransportException.class, e -> {
            assertThat(e.getAttempts()).isEqualTo(3); // nothing was sent: every retry allowed
            assertThat(e.getMessage()).contains("127.0.0.1:" + closed).contains("could not connect");
        });
    }

    // ---- what stays retried

    static Stream<Arguments> repeatableCalls() {
        return Stream.of(
                Arguments.of("get", "GET", "/api/v2/tickets/35436", "zendesk:tickets?operation=get", null, "ticket.json"),
                Arguments.of("update without comment", "PUT", "/api/v2/tickets/35436",
                        "zendesk:tickets?operation=update", Map.of("status", "solved"), "ticket.json"),
                Arguments.of("delete", "DELETE", "/api/v2/tickets/35436", "zendesk:tickets?operation=delete", null,
                        null),
                Arguments.of("setTags", "POST", "/api/v2/tickets/35436/tags", "zendesk:tickets?operation=setTags",
                        List.of("vip"), "object_tags.json"),
                Arguments.of("upsert of a user by email", "POST", "/api/v2/users/create_or_update",
                        "zendesk:users?operation=createOrUpdate", Map.of("email", "ann@example.org"), "user.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repeatableCalls")
    void aRepeatableCallIsRetriedAfterA502AndAReset(String name, String method, String path, String uri, Object body,
            String okFixture) {
        wm.stubFor(request(method, urlPathEqualTo(path)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("reset"));
        wm.stubFor(request(method, urlPathEqualTo(path)).inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wm.stubFor(request(method, urlPathEqualTo(path)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okFixture == null ? aResponse().withStatus(204) : okJson(fixture(okFixture))));

        Exchange ex = template.send(uri, e -> {
            e.getMessage().setHeader(ZendeskConstants.ID, 35436L);
            e.getMessage().setBody(body);
        });

        assertThat(ex.getException()).isNull();
        assertThat(requests(method, path)).hasSize(3);
    }

    @Test
    void aTicketCreateWithoutKeyGetsOneForTheCallAndIsRetriedWithIt() {
        wm.stubFor(post("/api/v2/tickets").inScenario("create").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(502))
                .willSetStateTo("timeout"));
        wm.stubFor(post("/api/v2/tickets").inScenario("create").whenScenarioStateIs("timeout")
                .willReturn(aResponse().withStatus(201).withFixedDelay(1500)).willSetStateTo("ok"));
        wm.stubFor(post("/api/v2/tickets").inScenario("create").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withHeader("x-idempotency-lookup", "hit")
                        .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));

        Exchange ex = template.send("zendesk:tickets?operation=create&requestTimeout=500",
                e -> e.getMessage().setBody(new Ticket().setSubject("Printer on fire")));

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ZendeskConstants.IDEMPOTENCY_LOOKUP)).isEqualTo("hit");
        var sent = requests("POST", "/api/v2/tickets");
        assertThat(sent).hasSize(3);
        String key = sent.get(0).getHeader("Idempotency-Key");
        assertThat(key).startsWith("camel-zendesk-");
        assertThat(sent).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(key));

        // a second call is another ticket: another key
        template.send("zendesk:tickets?operation=create&requestTimeout=500",
                e -> e.getMessage().setBody(new Ticket().setSubject("Printer on fire")));
        assertThat(requests("POST", "/api/v2/tickets").get(3).getHeader("Idempotency-Key")).isNotEqualTo(key);
    }

    @Test
    void aKeyedCreateThatKeepsFailingSaysWhichKeyToResendWith() {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(504)));
        Exchange ex = template.send("zendesk:tickets?operation=create&maxRetries=1", e -> {
            e.getMessage().setHeader(ZendeskConstants.IDEMPOTENCY_KEY, "order-42");
            e.getMessage().setBody(new Ticket().setSubject("Order 42 is late"));
        });
        assertThat(ex.getException()).isInstanceOfSatisfying(ZendeskWriteOutcomeUnknownException.class, e -> {
            assertThat(e.getIdempotencyKey()).isEqualTo("order-42");
            assertThat(e.getAttempts()).isEqualTo(2);
            assertThat(e.getMessage()).contains("same Idempotency-Key 'order-42'");
        });
        assertThat(requests("POST", "/api/v2/tickets")).hasSize(2);
    }

    private Exchange send(Write write) {
        return template.send(write.uri(), e -> {
            e.getMessage().setHeaders(new java.util.HashMap<>(write.headers()));
            e.getMessage().setBody(write.body());
        });
    }
}
