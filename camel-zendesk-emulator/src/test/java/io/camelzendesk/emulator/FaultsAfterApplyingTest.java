package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults after applying: the request is served (the ticket or comment really exists), then the client gets a 500,
 * 502 or 504, no response at all, or its answer only after its own timeout. Plain faults still apply nothing.
 */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0)
class FaultsAfterApplyingTest {

    static final String CREATE = "{\"ticket\":{\"subject\":\"%s\",\"comment\":{\"body\":\"first\"}}}";
    static final String COMMENT = "{\"ticket\":{\"comment\":{\"body\":\"%s\",\"public\":true}}}";

    @Test
    void gatewayErrorsComeAfterTheTicketWasCreated(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        admin.injectFault(Fault.error502().afterApplying().onMethod("POST"));
        Api.Res bad = api.post("/api/v2/tickets.json", CREATE.formatted("order 1"));
        assertThat(bad.status()).isEqualTo(502);
        assertThat(bad.header("Content-Type")).startsWith("text/html");
        assertThat(bad.body()).contains("502 Bad Gateway");
        assertThat(admin.ticketCountsBySubject("order ")).containsExactly(Map.entry("order 1", 1));

        admin.injectFault(Fault.error504().afterApplying().onMethod("POST"));
        assertThat(api.post("/api/v2/tickets.json", CREATE.formatted("order 2")).status()).isEqualTo(504);
        admin.injectFault(Fault.error500().afterApplying().onMethod("POST"));
        assertThat(api.post("/api/v2/tickets.json", CREATE.formatted("order 2")).status()).isEqualTo(500);
        // the client that "retried" the create has made two tickets: what the counts show
        assertThat(admin.ticketCountsBySubject("order ")).containsExactly(Map.entry("order 1", 1), Map.entry("order 2", 2));
        assertThat(admin.armedFaults()).isZero();
    }

    @Test
    void aCommentIsAddedBeforeTheErrorIsAnswered(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        long id = admin.createTicket(Map.of("subject", "s", "comment", Map.of("body", "first"))).get("id").asLong();
        String path = "/api/v2/tickets/" + id + ".json";
        admin.injectFault(Fault.error502().afterApplying().onMethod("PUT").onPath("^/api/v2/tickets/" + id + "(\\.json)?$"));
        assertThat(api.put(path, COMMENT.formatted("reply")).status()).isEqualTo(502);
        assertThat(admin.commentCountsByBody(id)).containsExactly(Map.entry("first", 1), Map.entry("reply", 1));

        // the same PUT sent again, as a client that retries a 502 would: the customer gets the reply twice
        assertThat(api.put(path, COMMENT.formatted("reply")).status()).isEqualTo(200);
        assertThat(admin.commentCountsByBody(id)).containsEntry("reply", 2);
    }

    @Test
    void aDroppedConnectionAfterApplyingLeavesTheChange(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        long id = admin.createTicket(Map.of("subject", "s", "comment", Map.of("body", "first"))).get("id").asLong();
        admin.injectFault(Fault.dropConnection().afterApplying().onMethod("PUT"));
        assertThatThrownBy(() -> api.put("/api/v2/tickets/" + id + ".json", COMMENT.formatted("dropped")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(admin.commentCountsByBody(id)).containsEntry("dropped", 1);

        admin.injectFault(Fault.dropConnection().afterApplying().onMethod("POST"));
        assertThatThrownBy(() -> api.post("/api/v2/tickets.json", CREATE.formatted("reset")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(admin.ticketCountsBySubject("reset")).containsExactly(Map.entry("reset", 1));
    }

    @Test
    void aDelayedAnswerOutlivesTheClientTimeoutButTheChangeIsMade(@EmulatorBaseUrl String base, EmulatorAdmin admin)
            throws Exception {
        Api api = new Api(base);
        long id = admin.createTicket(Map.of("subject", "s", "comment", Map.of("body", "first"))).get("id").asLong();
        admin.injectFault(Fault.delay(Duration.ofSeconds(3)).afterApplying().onMethod("PUT"));
        HttpRequest put = HttpRequest.newBuilder(URI.create(base + "/api/v2/tickets/" + id + ".json"))
                .timeout(Duration.ofMillis(300)).header("Authorization", Api.BASIC)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(COMMENT.formatted("late"))).build();
        assertThatThrownBy(() -> api.http.send(put, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(admin.commentCountsByBody(id)).containsEntry("late", 1);
        // the emulator still answers other requests while the late answer waits
        assertThat(api.get("/api/v2/tickets/" + id + ".json").status()).isEqualTo(200);
    }

    @Test
    void plainFaultsStillApplyNothing(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        long id = admin.createTicket(Map.of("subject", "s", "comment", Map.of("body", "first"))).get("id").asLong();
        admin.injectFault(Fault.error502().onMethod("PUT"));
        admin.injectFault(Fault.error504().onMethod("PUT"));
        assertThat(api.put("/api/v2/tickets/" + id + ".json", COMMENT.formatted("never")).status()).isEqualTo(502);
        assertThat(api.put("/api/v2/tickets/" + id + ".json", COMMENT.formatted("never")).status()).isEqualTo(504);
        assertThat(admin.commentCountsByBody(id)).containsOnlyKeys("first");
    }

    @Test
    void rateLimitsAndUnavailableCannotComeAfterApplying() {
        assertThatThrownBy(() -> Fault.rateLimit(1).afterApplying()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not processed");
        assertThatThrownBy(() -> Fault.error503().afterApplying()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overHttp(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        Api http = new Api(base);
        http.authorization = null;
        long id = admin.createTicket(Map.of("subject", "s", "comment", Map.of("body", "first"))).get("id").asLong();
        assertThat(http.post("/__admin/faults", "{\"kind\":\"ERROR_504\",\"method\":\"PUT\",\"after_applying\":true}")
                .status()).isEqualTo(201);
        assertThat(api.put("/api/v2/tickets/" + id + ".json", COMMENT.formatted("via http")).status()).isEqualTo(504);
        JsonNode comments = http.get("/__admin/tickets/" + id + "/comment-counts").json().get("counts");
        assertThat(comments.get("via http").asInt()).isEqualTo(1);
        assertThat(http.get("/__admin/ticket-counts?subject_prefix=s").json().get("counts").get("s").asInt()).isEqualTo(1);
        assertThat(http.post("/__admin/faults", "{\"kind\":\"ERROR_503\",\"after_applying\":true}").status())
                .isEqualTo(400);
    }
}
