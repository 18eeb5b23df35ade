package io.camelzendesk.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelzendesk.emulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes (JVMs), each configured with the plan's 200 requests/min, under sustained load against one account
 * limited to 200 requests/min: each node alone would send 200/min, together three times the plan. Every node's
 * limiter follows what the server reports (remaining budget, reset) and Retry-After, so no exchange fails and the
 * account's budget is used.
 */
class RateLimitAcrossNodesTest {

    static final int PLAN = 200;
    static final Pattern RESULT = Pattern.compile("RESULT node=(\\S+) ok=(\\d+) failed=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void threeNodesShareTheAccountBudgetWithoutAFailedExchange() throws Exception {
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().requestsPerMinute(PLAN).build();
             ClusterSupport cluster = new ClusterSupport(dir)) {
            zendesk.start();
            long ticket = zendesk.admin().createTicket(Map.of("subject", "Under load", "description", "Sustained load from three nodes")).get("id").asLong();
            zendesk.admin().resetRateLimits();
            zendesk.admin().clearRequests();
            Map<String, String> args = Map.of("mode", "load", "baseUrl", zendesk.baseUrl(), "ticket",
                    String.valueOf(ticket), "concurrency", "4", "seconds", "70", "requestsPerMinute", String.valueOf(PLAN));
            List<ClusterSupport.Node> nodes = new ArrayList<>();
            for (String name : List.of("load-a", "load-b", "load-c")) {
                nodes.add(cluster.start(name, args));
            }
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> nodes.stream().allMatch(n -> RESULT.matcher(n.output()).find()));

            long ok = 0;
            long failed = 0;
            for (ClusterSupport.Node n : nodes) {
                Matcher m = RESULT.matcher(n.output());
                assertThat(m.find()).isTrue();
                ok += Long.parseLong(m.group(2));
                failed += Long.parseLong(m.group(3));
            }
            List<RecordedRequest> requests = zendesk.admin().requests();
            Instant windowStart = requests.get(0).at();
            // the emulator's window is fixed: it allows the first 200 requests of the minute that starts with the
            // first request, so the budget used in that minute is min(200, requests received in it)
            long inFirstWindow = requests.stream().filter(r -> r.at().isBefore(windowStart.plusSeconds(60))).count();
            long used = Math.min(PLAN, inFirstWindow);
            long rejected = requests.size() - ok;
            System.out.printf("rate limit across 3 nodes: %d exchanges ok, %d failed; %d requests, %d answered 429;"
                              + " first minute: %d requests received, %d of %d allowed used (%.0f%%)%n", ok, failed,
                    requests.size(), rejected, inFirstWindow, used, PLAN, 100.0 * used / PLAN);
            assertThat(failed).as("no failed exchange").isZero();
            assertThat(used).as("at least 90% of the account's budget used").isGreaterThanOrEqualTo(PLAN * 9 / 10);
            assertThat(ok).as("every node's exchanges came through").isGreaterThan(PLAN);
        }
    }
}
