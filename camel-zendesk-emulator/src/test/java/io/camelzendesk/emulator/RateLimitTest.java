package io.camelzendesk.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-minute budgets, rate-limit headers in every spelling, 429 with Retry-After. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 5, incrementalRequestsPerMinute = 2, recentExclusionMillis = 0)
class RateLimitTest {

    @Test
    void headersOnEveryResponseAnd429WhenExceeded(@EmulatorBaseUrl String base) {
        Api api = new Api(base);
        Api.Res first = api.get("/api/v2/users/me.json");
        assertThat(first.header("X-Rate-Limit")).isEqualTo("5");
        assertThat(first.header("X-Rate-Limit-Remaining")).isEqualTo("4");
        assertThat(first.header("ratelimit-limit")).isEqualTo("5");
        assertThat(first.header("ratelimit-remaining")).isEqualTo("4");
        assertThat(Integer.parseInt(first.header("ratelimit-reset"))).isBetween(1, 60);
        assertThat(first.header("rate-limit-remaining")).isEqualTo("4");
        for (int i = 0; i < 4; i++) {
            assertThat(api.get("/api/v2/users/me.json").status()).isEqualTo(200);
        }
        Api.Res limited = api.get("/api/v2/users/me.json");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.header("X-Rate-Limit-Remaining")).isEqualTo("0");
        assertThat(limited.json().get("error").asText()).isEqualTo("APIRateLimitExceeded");
        // 401s carry headers too
        api.authorization = null;
        assertThat(api.get("/api/v2/users/me.json").header("X-Rate-Limit")).isEqualTo("5");
    }

    @Test
    void incrementalExportsHaveTheirOwnBudget(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        long start = Instant.now().minusSeconds(3600).getEpochSecond();
        assertThat(api.get("/api/v2/incremental/tickets.json?start_time=" + start).header("X-Rate-Limit")).isEqualTo("2");
        assertThat(api.get("/api/v2/incremental/tickets.json?start_time=" + start).status()).isEqualTo(200);
        assertThat(api.get("/api/v2/incremental/tickets.json?start_time=" + start).status()).isEqualTo(429);
        // the general budget is untouched
        Api.Res general = api.get("/api/v2/users/me.json");
        assertThat(general.status()).isEqualTo(200);
        assertThat(general.header("X-Rate-Limit-Remaining")).isEqualTo("4");
        // configurable and resettable
        admin.resetRateLimits();
        assertThat(api.get("/api/v2/incremental/tickets.json?start_time=" + start).status()).isEqualTo(200);
        admin.setIncrementalRequestsPerMinute(0);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/v2/incremental/tickets.json?start_time=" + start).status()).isEqualTo(200);
        }
    }

    @Test
    void resetBetweenTestsRestoresBudgets(@EmulatorBaseUrl String base) {
        Api api = new Api(base);
        assertThat(api.get("/api/v2/users/me.json").header("X-Rate-Limit-Remaining")).isEqualTo("4");
    }
}
