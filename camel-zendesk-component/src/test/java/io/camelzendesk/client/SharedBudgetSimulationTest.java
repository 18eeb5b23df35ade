package io.camelzendesk.client;

import java.util.PriorityQueue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several nodes, each with its own {@link RateLimiter} and requests waiting on it, spending one account budget of 200
 * a minute: Zendesk's count is simulated (a fixed one-minute window, answers a few milliseconds late, so that a node's
 * view of the count is a few requests old), the nodes are not. Each node asks for far more than the plan gives.
 * The rule every node follows must leave no 429, use nearly the whole budget, and give each node a fair part of it
 * whatever happened before (a node that got most of one window does not keep it).
 */
class SharedBudgetSimulationTest {

    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;
    private static final int LIMIT = 200;

    @Test
    void threeNodesShareTheBudgetFairlyWithNo429() {
        Outcome o = simulate(3, 4, 5);
        assertThat(o.refused).isZero();
        // the first window is the nodes' first sight of each other; from the second on: >= 95% used
        assertThat(o.usedAfterFirst).isGreaterThanOrEqualTo((int) (0.95 * LIMIT * 4));
        for (int n = 0; n < 3; n++) {
            assertThat(o.sentAfterFirst[n]).as("node %d", n).isBetween(o.usedAfterFirst / 5, o.usedAfterFirst / 2);
        }
    }

    @Test
    void aNodeAloneUsesTheWholeBudget() {
        Outcome o = simulate(1, 4, 3);
        assertThat(o.refused).isZero();
        assertThat(o.usedAfterFirst).isGreaterThanOrEqualTo(2 * LIMIT - 2);
    }

    @Test
    void aNodeThatGotMostOfTheBudgetDoesNotKeepIt() {
        // node 0 has 8 requests waiting, the others 1 each: in the burst it gets most, in the spread part the same
        Outcome o = simulate(new int[] {8, 1, 1}, 5);
        assertThat(o.refused).isZero();
        assertThat(o.sentAfterFirst[1]).isGreaterThanOrEqualTo(o.usedAfterFirst / 10);
        assertThat(o.sentAfterFirst[2]).isGreaterThanOrEqualTo(o.usedAfterFirst / 10);
    }

    private record Outcome(int refused, int usedAfterFirst, int[] sentAfterFirst) {
    }

    private static Outcome simulate(int nodes, int waiting, int windows) {
        int[] w = new int[nodes];
        java.util.Arrays.fill(w, waiting);
        return simulate(w, windows);
    }

    /** An event: a request of a node wakes at its slot, or its answer arrives. */
    private record Event(long at, int node, boolean answer, int remaining, long slot) {
    }

    private static Outcome simulate(int[] waiting, int windows) {
        int nodes = waiting.length;
        RateLimiter[] limiters = new RateLimiter[nodes];
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
        for (int n = 0; n < nodes; n++) {
            limiters[n] = new RateLimiter("general", 0);
            for (int r = 0; r < waiting[n]; r++) {
                long slot = limiters[n].reserveAt(0);
                events.add(new Event(slot, n, false, 0, slot));
            }
        }
        long windowStart = 0;
        int remaining = LIMIT;
        int refused = 0;
        int used = 0;
        int[] sent = new int[nodes];
        long end = windows * MINUTE;
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.at >= end) {
                break;
            }
            RateLimiter l = limiters[e.node];
            if (e.answer) {
                l.adapt(LIMIT, e.remaining, Math.max(1, (windowStart + MINUTE - e.at + 999 * MS) / (1000 * MS)), e.at);
                long slot = l.reserveAt(e.at);
                events.add(new Event(slot, e.node, false, 0, slot));
                continue;
            }
            if (l.pausedPast(e.slot)) {
                // as RequestAttempt does: a slot reserved before a pause is taken again after it
                l.cancel(e.slot);
                long slot = l.reserveAt(e.at);
                events.add(new Event(slot, e.node, false, 0, slot));
                continue;
            }
            if (e.at - windowStart >= MINUTE) {
                windowStart = e.at;
                remaining = LIMIT;
            }
            long latency = (5 + (e.node * 7 + sent[e.node]) % 20) * MS;
            if (remaining == 0) {
                refused++;
                l.pause(java.time.Duration.ofNanos(windowStart + MINUTE - e.at), e.at + latency);
                events.add(new Event(e.at + latency, e.node, true, -1, 0));
                continue;
            }
            remaining--;
            if (e.at >= MINUTE) {
                used++;
                sent[e.node]++;
            }
            events.add(new Event(e.at + latency, e.node, true, remaining, 0));
        }
        System.out.printf("simulated %d nodes: refused=%d used=%d sent=%s%n", nodes, refused, used,
                java.util.Arrays.toString(sent));
        for (RateLimiter l : limiters) {
            System.out.printf("  share=%.3f nodes=%d paused=%s%n", l.share(), l.nodes(), l.pausedFor(end));
        }
        return new Outcome(refused, used, sent);
    }
}
