package io.camelzendesk.component.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelzendesk.emulator.Fault;
import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.Ticket;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Coalesced ticket updates against the emulator with Zendesk's endpoint limits on (30 updates per ticket per 10
 * minutes): 60 updates of one hot ticket, given faster than Zendesk answers, reach Zendesk as a few requests in their
 * order, every exchange gets the ticket, no comment is joined to another, no limit is hit.
 */
class CoalescedUpdatesTest {

    private ZendeskEmulator zendesk;
    private CamelContext context;

    @BeforeEach
    void start() {
        zendesk = ZendeskEmulator.builder().endpointLimits(true).build();
        zendesk.start();
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        zendesk.close();
    }

    private Endpoint endpoint(String options) {
        return context.getEndpoint("zendesk:tickets?baseUrl=" + zendesk.baseUrl() + "&email="
                                   + ZendeskEmulator.ADMIN_EMAIL + "&apiToken=" + ZendeskEmulator.API_TOKEN + options);
    }

    /** Gives every body to the endpoint's producer from this thread, in order, without waiting; then waits for all. */
    private List<Exchange> sendAll(Endpoint endpoint, List<Map<String, Object>> headersAndBodies) throws Exception {
        AsyncProducer producer = endpoint.createAsyncProducer();
        producer.start();
        List<Exchange> exchanges = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(headersAndBodies.size());
        for (Map<String, Object> hb : headersAndBodies) {
            Exchange ex = new DefaultExchange(context);
            ex.getMessage().setHeaders(new HashMap<>((Map<String, Object>) hb.get("headers")));
            ex.getMessage().setBody(hb.get("body"));
            exchanges.add(ex);
            producer.process(ex, sync -> done.countDown());
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        producer.stop();
        return exchanges;
    }

    private long hotTicket() {
        return zendesk.admin().createTicket(Map.of("subject", "hot", "description", "d", "tags", List.of("start")))
                .get("id").asLong();
    }

    private List<RecordedRequest> puts(long id) {
        return zendesk.admin().requests().stream().filter(r -> r.method().equals("PUT")
                && r.path().startsWith("/api/v2/tickets/" + id)).toList();
    }

    @Test
    void sixtyUpdatesOfOneTicketGoAsAFewRequestsInOrderWithoutHittingItsLimit() throws Exception {
        long id = hotTicket();
        // the first request takes 500 ms: everything after it is given while it is under way
        zendesk.admin().injectFault(Fault.delay(Duration.ofMillis(500)).onMethod("PUT").times(1));
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> ticket = new HashMap<>();
            ticket.put("additional_tags", List.of("t" + i));
            ticket.put("subject", "subject " + i);
            if (i % 20 == 10) {
                ticket.put("comment", Map.of("body", "comment " + i, "public", false));
            }
            if (i == 45) {
                ticket.put("remove_tags", List.of("t3", "start"));
            }
            updates.add(Map.of("headers", Map.of("CamelZendeskId", id), "body", ticket));
        }
        List<Exchange> done = sendAll(endpoint("&operation=update&coalesceUpdates=true"), updates);

        assertThat(done).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getBody(Ticket.class).getId()).isEqualTo(id);
        });
        JsonNode ticket = zendesk.admin().get("tickets", id).orElseThrow();
        assertThat(ticket.get("subject").asText()).isEqualTo("subject 59");
        List<String> tags = new ArrayList<>();
        ticket.get("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).hasSize(59).contains("t0", "t44", "t45", "t59").doesNotContain("t3", "start");
        assertThat(zendesk.admin().comments(id)).extracting(c -> c.get("body").asText())
                .containsSubsequence("comment 10", "comment 30", "comment 50");
        // the first alone, then one request per comment's batch at most: 3 comments, so 2 to 5 requests after it
        assertThat(puts(id)).hasSizeBetween(3, 6);
        assertThat(zendesk.admin().endpointLimitRefusals()).isEmpty();
    }

    @Test
    void withoutCoalescingTheSameUpdatesRunIntoTheTicketsBudget() throws Exception {
        long id = hotTicket();
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            updates.add(Map.of("headers", Map.of("CamelZendeskId", id), "body",
                    Map.of("additional_tags", List.of("t" + i))));
        }
        // the 31st would wait 10 minutes for the ticket's budget: past the deadline, it fails unsent
        List<Exchange> done = sendAll(endpoint("&operation=update&retryDeadline=30s"), updates);
        assertThat(done.stream().filter(e -> e.getException() != null).map(e -> e.getException().getMessage()))
                .singleElement().asString().contains("tickets-update#" + id).contains("retryDeadline");
        assertThat(puts(id)).hasSize(30);
        assertThat(zendesk.admin().endpointLimitRefusals()).isEmpty();
    }

    @Test
    void commentsAreNeverJoinedIntoOne() throws Exception {
        long id = hotTicket();
        zendesk.admin().injectFault(Fault.delay(Duration.ofMillis(300)).onMethod("PUT").times(1));
        List<Map<String, Object>> updates = List.of(
                Map.of("headers", Map.of("CamelZendeskId", id), "body", Map.of("comment", Map.of("body", "one"))),
                Map.of("headers", Map.of("CamelZendeskId", id), "body", Map.of("comment", Map.of("body", "two"))),
                Map.of("headers", Map.of("CamelZendeskId", id), "body", Map.of("comment", Map.of("body", "three"))));
        sendAll(endpoint("&operation=update&coalesceUpdates=true"), updates);
        assertThat(zendesk.admin().comments(id)).extracting(c -> c.get("body").asText())
                .containsSubsequence("one", "two", "three");
        assertThat(puts(id)).hasSize(3);
    }

    @Test
    void theOptionIsRefusedOnAnotherResource() {
        assertThatThrownBy(() -> context.getEndpoint("zendesk:users?operation=update&coalesceUpdates=true&baseUrl="
                                                     + zendesk.baseUrl() + "&oauthToken=t"))
                .hasStackTraceContaining("Option coalesceUpdates applies to zendesk:tickets");
    }
}
