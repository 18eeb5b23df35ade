package io.camelzendesk.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.UncheckedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults injected into the next N (matching) requests. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0)
class FaultInjectionTest {

    @Test
    void rateLimitBodiesAndCounts(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        admin.injectFault(Fault.rateLimit(7).withBody(Fault.RateLimitBody.PLAIN_TEXT).times(2));
        Api.Res first = api.get("/api/v2/tickets.json");
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("7");
        assertThat(first.body()).isEqualTo("Too Many Requests");
        assertThat(first.header("Content-Type")).startsWith("text/plain");
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(429);
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(200);

        admin.injectFault(Fault.rateLimit(1).withBody(Fault.RateLimitBody.EDGE_JSON));
        Api.Res edge = api.get("/api/v2/tickets.json");
        assertThat(edge.json().get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(edge.json().get("status").asInt()).isEqualTo(429);
        admin.injectFault(Fault.rateLimit(2));
        assertThat(api.get("/api/v2/tickets.json").json().get("error").asText()).isEqualTo("APIRateLimitExceeded");
    }

    @Test
    void serverErrorsAndPathMatching(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        admin.injectFault(Fault.error500().onPathPrefix("/api/v2/users"));
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/users/me.json").status()).isEqualTo(500);
        admin.injectFault(Fault.error503().withRetryAfter(3).onPath("tickets/\\d+"));
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(200);
        Api.Res unavailable = api.get("/api/v2/tickets/1.json");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).isEqualTo("3");
        assertThat(admin.armedFaults()).isZero();
    }

    @Test
    void delayDropAndMalformed(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        admin.injectFault(Fault.delay(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(290);

        // java.net.http retries an idempotent GET once on a dropped connection: drop both tries
        admin.injectFault(Fault.dropConnection().times(2));
        assertThatThrownBy(() -> api.get("/api/v2/tickets.json")).isInstanceOf(UncheckedIOException.class);
        assertThat(admin.armedFaults()).isZero();
        admin.injectFault(Fault.dropConnection().onMethod("POST"));
        assertThatThrownBy(() -> api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"}}}"))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(admin.list("tickets")).isEmpty();

        admin.injectFault(Fault.malformedJson());
        Api.Res bad = api.get("/api/v2/tickets.json");
        assertThat(bad.status()).isEqualTo(200);
        assertThatThrownBy(bad::json).isInstanceOf(AssertionError.class);
        assertThat(api.get("/api/v2/tickets.json").json().has("tickets")).isTrue();
    }
}
