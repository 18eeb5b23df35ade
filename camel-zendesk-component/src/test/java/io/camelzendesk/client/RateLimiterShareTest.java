package io.camelzendesk.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A budget spent by several nodes: each learns its share from how fast Zendesk's count falls, and keeps to it. */
class RateLimiterShareTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aloneTheShareStaysWholeAndTheLastRequestsAreSpread() {
        RateLimiter l = new RateLimiter("general", 0);
        for (int remaining = 199; remaining >= 30; remaining--) {
            l.adapt(200, remaining, 30, 0);
        }
        assertThat(l.share()).isEqualTo(1.0);
        // 30 left of 200 (below 20%), 30 s to go: one second apart
        l.adapt(200, 30, 30, 0);
        assertThat(l.reserve(0)).isZero();
        assertThat(l.reserve(0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withOtherNodesEachSpreadsWhatIsLeftAndLeavesTheLastFew() {
        RateLimiter l = new RateLimiter("general", 0);
        // the count falls by 3 between this node's answers: two other nodes spend as much
        int remaining = 200;
        for (int i = 0; i < 40; i++) {
            remaining -= 3;
            l.adapt(200, remaining, 30, 0);
        }
        assertThat(l.share()).isBetween(0.30, 0.40);
        // above 20% left nothing is held back, whatever the share
        assertThat(l.reserve(0)).isZero();
        assertThat(l.reserve(0)).isZero();
        // 30 left, 30 s to go: every node spreads the 26 above the reserve (2% of 200) over them, whatever its share
        l.adapt(200, 30, 30, 0);
        assertThat(l.reserve(0)).isEqualTo(Duration.ofNanos(30 * S / 26));
        // 4 left: only the reserve, while others spend it too: it waits for the window to reset
        l.adapt(200, 4, 20, 100 * S);
        assertThat(l.pausedFor(100 * S)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aPerObjectBudgetIsKeptAtTheNodesShare() {
        double[] share = {1.0};
        RateLimiter ticket = new RateLimiter("tickets-update#1", 0, 30, Duration.ofMinutes(10), () -> share[0]);
        share[0] = 0.34;
        for (int i = 0; i < 10; i++) {
            assertThat(ticket.reserve(0)).isZero();
        }
        assertThat(ticket.reserve(0)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aPerSecondEndpointLimitUsesTheAccountsShare() {
        RateLimiter users = new RateLimiter("create-update-user", 0, 0, Duration.ZERO, () -> 0.34);
        // one a second, none left: this node waits for the reset, then takes one second in three
        users.adapt(1, 0, 1, 0);
        assertThat(users.reserve(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(users.reserve(0)).isBetween(Duration.ofMillis(3_900), Duration.ofMillis(4_000));
    }
}
