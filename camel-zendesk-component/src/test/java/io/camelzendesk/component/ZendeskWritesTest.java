package io.camelzendesk.component;

import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelzendesk.client.ZendeskConflictException;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.client.ZendeskWriteOutcomeUnknownException;
import io.camelzendesk.model.Ticket;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotent creates, safe updates with a catchable conflict, read-modify-write that loses nothing. */
class ZendeskWritesTest extends ZendeskTestSupport {

    @Override
    RoutesBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create-keyed").to("zendesk:tickets?operation=create&idempotencyKey=${header.orderId}");

                from("direct:safe-update-onException")
                        .onException(ZendeskConflictException.class).handled(true)
                            .setBody(simple("conflict: ${exception.error}")).end()
                        .to("zendesk:tickets?operation=update&safeUpdate=true")
                        .setBody(constant("saved"));

                from("direct:safe-update-doTry")
                        .doTry()
                            .to("zendesk:tickets?operation=update&safeUpdate=true")
                            .setBody(constant("saved"))
                        .doCatch(ZendeskConflictException.class)
                            .setBody(simple("retry later (HTTP ${exception.status})"))
                        .end();
            }
        };
    }

    private void stubCreated(String lookup) {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("x-idempotency-lookup", lookup)
                .withBody(fixture("ticket.json"))));
    }

    @Test
    void idempotencyKeyFromTheOptionExpression() {
        stubCreated("miss");
        Exchange ex = template.send("direct:create-keyed", e -> {
            e.getMessage().setHeader("orderId", "order-42");
            e.getMessage().setBody(new Ticket().setSubject("Order 42 is late"));
        });
        assertThat(ex.getException()).isNull();
        wm.verify(postRequestedFor(urlEqualTo("/api/v2/tickets")).withHeader("Idempotency-Key", equalTo("order-42"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(ex.getMessage().getHeader(ZendeskConstants.IDEMPOTENCY_LOOKUP)).isEqualTo("miss");
    }

    @Test
    void idempotencyKeyHeaderWinsAndTheLookupAnswerIsExposed() {
        stubCreated("hit");
        Exchange ex = template.send("direct:create-keyed", e -> {
            e.getMessage().setHeader("orderId", "order-42");
            e.getMessage().setHeader(ZendeskConstants.IDEMPOTENCY_KEY, "explicit-key-7");
            e.getMessage().setBody(new Ticket().setSubject("Order 42 is late"));
        });
        assertThat(ex.getException()).isNull();
        wm.verify(postRequestedFor(urlEqualTo("/api/v2/tickets")).withHeader("Idempotency-Key", equalTo("explicit-key-7")));
        assertThat(ex.getMessage().getHeader(ZendeskConstants.IDEMPOTENCY_LOOKUP)).isEqualTo("hit");
        assertThat(ex.getMessage().getBody(Ticket.class).getId()).isEqualTo(35436L);
    }

    @Test
    void createWithAKeyIsRetriedWithTheSameKey() {
        wm.stubFor(post("/api/v2/tickets").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wm.stubFor(post("/api/v2/tickets").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(fixture("ticket.json"))));
        Exchange ex = template.send("zendesk:tickets?operation=create",
                e -> {
                    e.getMessage().setHeader(ZendeskConstants.IDEMPOTENCY_KEY, "k-1");
                    e.getMessage().setBody(Map.of("subject", "x"));
                });
        assertThat(ex.getException()).isNull();
        wm.verify(2, postRequestedFor(urlEqualTo("/api/v2/tickets")).withHeader("Idempotency-Key", equalTo("k-1")));
    }

    @Test
    void aCreateOfAnotherResourceIsNotRetriedOnA5xx() {
        wm.stubFor(post("/api/v2/users").willReturn(aResponse().withStatus(503)));
        Exchange ex = template.send("zendesk:users?operation=create", e -> e.getMessage().setBody(Map.of("name", "x")));
        assertThat(ex.getException()).isInstanceOfSatisfying(ZendeskWriteOutcomeUnknownException.class,
                e -> assertThat(e.getStatus()).isEqualTo(503));
        wm.verify(1, postRequestedFor(urlEqualTo("/api/v2/users")).withoutHeader("Idempotency-Key"));
    }

    @Test
    void safeUpdateSendsTheStampReadAndTheConflictIsCaughtByOnException() {
        wm.stubFor(get("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(fixture("errors/409.json"))));

        Ticket read = template.requestBodyAndHeader("zendesk:tickets?operation=get", null, ZendeskConstants.ID, 35436L,
                Ticket.class);
        read.setStatus("solved");
        Object out = template.requestBody("direct:safe-update-onException", read);

        assertThat(out).isEqualTo("conflict: UpdateConflict");
        String sent = requests("PUT", "/api/v2/tickets/35436").get(0).getBodyAsString();
        assertThat(sent).contains("\"safe_update\":true").contains("\"updated_stamp\":\"2024-08-05T10:38:52Z\"")
                .contains("\"status\":\"solved\"").doesNotContain("\"updated_at\"");
    }

    @Test
    void safeUpdateTakesTheStampFromTheHeaderAndTheConflictIsCaughtByDoTry() {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(fixture("errors/409.json"))));
        Object out = template.requestBodyAndHeaders("direct:safe-update-doTry", Map.of("status", "solved"),
                Map.of(ZendeskConstants.ID, 35436L, ZendeskConstants.UPDATED_STAMP, "2024-08-05T10:38:52Z"));
        assertThat(out).isEqualTo("retry later (HTTP 409)");
        assertJson(requests("PUT", "/api/v2/tickets/35436").get(0), """
                {"ticket": {"status": "solved", "safe_update": true, "updated_stamp": "2024-08-05T10:38:52Z"}}""");
    }

    @Test
    void safeUpdateWithoutAStampFailsBeforeAnyRequest() {
        Exchange ex = template.send("direct:safe-update-doTry", e -> {
            e.getMessage().setHeader(ZendeskConstants.ID, 35436L);
            e.getMessage().setBody(Map.of("status", "solved"));
        });
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ZendeskConstants.UPDATED_STAMP);
        assertThat(requests()).isEmpty();
    }

    @Test
    void readModifyWriteKeepsEveryFieldItRead() throws Exception {
        wm.stubFor(get("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));

        Ticket read = template.requestBodyAndHeader("zendesk:tickets?operation=get", null, ZendeskConstants.ID, 35436L,
                Ticket.class);
        read.setPriority("urgent");
        template.requestBody("zendesk:tickets?operation=update", read);

        // what was sent is what was read, with the one change: unknown fields (via, satisfaction_rating, ...) included
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = (Map<String, Object>) ZendeskJson.MAPPER.readValue(fixture("ticket.json"),
                Map.class).get("ticket");
        expected.put("priority", "urgent");
        assertJson(requests("PUT", "/api/v2/tickets/35436").get(0),
                ZendeskJson.MAPPER.writeValueAsString(Map.of("ticket", expected)));
    }

    @Test
    void updateOfOneFieldSendsOnlyThatField() {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        template.requestBodyAndHeader("zendesk:tickets?operation=update", new Ticket().setStatus("solved"),
                ZendeskConstants.ID, 35436L);
        assertJson(requests("PUT", "/api/v2/tickets/35436").get(0), "{\"ticket\": {\"status\": \"solved\"}}");
    }

    @Test
    void nullIsSentAsNullToClearAField() {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        template.requestBodyAndHeader("zendesk:tickets?operation=update", new Ticket().setAssigneeId(null),
                ZendeskConstants.ID, 35436L);
        assertJson(requests("PUT", "/api/v2/tickets/35436").get(0), "{\"ticket\": {\"assignee_id\": null}}");
    }

    @Test
    void uploadThenCommentWithItsToken() {
        wm.stubFor(post(urlPathEqualTo("/api/v2/uploads")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("upload.json"))));
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));

        io.camelzendesk.model.Upload upload = template.requestBodyAndHeader("zendesk:uploads?operation=upload",
                new java.io.ByteArrayInputStream("boom".getBytes()), Exchange.FILE_NAME, "logs/crash.log",
                io.camelzendesk.model.Upload.class);
        template.requestBodyAndHeader("zendesk:tickets?operation=addComment",
                new io.camelzendesk.model.Comment("Log attached", false).setUploads(java.util.List.of(upload.getToken())),
                ZendeskConstants.ID, 35436L);

        var sentUpload = requests("POST", "/api/v2/uploads").get(0);
        assertThat(query(sentUpload)).isEqualTo(Map.of("filename", "crash.log"));
        assertThat(sentUpload.getHeader("Content-Type")).isEqualTo("application/binary");
        assertThat(sentUpload.getBodyAsString()).isEqualTo("boom");
        assertJson(requests("PUT", "/api/v2/tickets/35436").get(0), """
                {"ticket": {"comment": {"body": "Log attached", "public": false, "uploads": ["6bk3gql82em5nmf"]}}}""");
    }

    @Test
    void anEnvelopeAlreadyThereIsNotWrappedTwice() {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        template.requestBodyAndHeader("zendesk:tickets?operation=update",
                "{\"ticket\": {\"status\": \"pending\"}}".getBytes(), ZendeskConstants.ID, 35436L);
        assertJson(requests("PUT", "/api/v2/tickets/35436").get(0), "{\"ticket\": {\"status\": \"pending\"}}");
    }
}
