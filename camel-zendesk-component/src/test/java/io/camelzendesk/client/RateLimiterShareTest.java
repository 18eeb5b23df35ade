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
    void withOtherNodesEachKeepsToTheEvenRateThenSpreadsWhatIsLeftAndLeavesTheLastFew() {
        RateLimiter l = new RateLimiter("general", 0);
        // two windows in which the count falls by 3 between this node's answers: two other nodes spend as much
        for (int w = 0; w < 2; w++) {
            int remaining = 200;
            for (int i = 0; i < 40; i++) {
                remaining -= 3;
                l.adapt(200, remaining, 60, w * 60 * S);
            }
        }
        assertThat(l.share()).isBetween(0.30, 0.40);
        assertThat(l.nodes()).isEqualTo(3);
        // above 20% left: no faster than 200 a minute evenly, whatever the share (three nodes: three times that)
        assertThat(l.reserve(60 * S)).isZero();
        assertThat(l.reserve(60 * S)).isEqualTo(Duration.ofMillis(300));
        // 30 left, 30 s to go: every node spreads the 26 above the reserve (2% of 200) over them, whatever its share
        l.adapt(200, 30, 30, 90 * S);
        assertThat(l.reserve(90 * S)).isZero();
        assertThat(l.reserve(90 * S)).isEqualTo(Duration.ofNanos(30 * S / 26));
        // 4 left: only the reserve, while others spend it too: it waits for the window to reset
        l.adapt(200, 4, 20, 100 * S);
        assertThat(l.pausedFor(100 * S)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anotherIntegrationSpendingALittleLeavesItOneNode() {
        RateLimiter l = new RateLimiter("general", 0);
        // two windows in which another integration spends one request in ten: the count falls by 1 more every 9 answers
        for (int w = 0; w < 2; w++) {
            int remaining = 200;
            for (int i = 1; i <= 90; i++) {
                remaining -= i % 9 == 0 ? 2 : 1;
                l.adapt(200, remaining, 60, w * 60 * S);
            }
        }
        assertThat(l.share()).isBetween(0.85, 0.95);
        // not a replica: the per-ticket windows stay whole (no spreading of a ticket's 30 over 10 minutes)
        assertThat(l.nodes()).isEqualTo(1);
    }

    @Test
    void aPerObjectBudgetIsKeptAtTheNodesEqualPartSpreadEvenly() {
        RateLimiter ticket = new RateLimiter("tickets-update#1", 0, 30, Duration.ofMinutes(10), () -> 3);
        // three nodes: 10 of the ticket's 30 per 10 minutes each, one a minute (not 10 at once, then 10 minutes)
        for (int i = 0; i < 10; i++) {
            assertThat(ticket.reserve(0)).isEqualTo(Duration.ofMinutes(i));
        }
        assertThat(ticket.reserve(0)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aloneAPerObjectBudgetAllowsItsBurst() {
        RateLimiter ticket = new RateLimiter("tickets-update#1", 0, 30, Duration.ofMinutes(10), () -> 1);
        for (int i = 0; i < 30; i++) {
            assertThat(ticket.reserve(0)).isZero();
        }
        assertThat(ticket.reserve(0)).isEqualTo(Duration.ofMinutes(10));
    }
}
