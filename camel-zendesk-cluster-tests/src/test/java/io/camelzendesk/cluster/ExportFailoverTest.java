package io.camelzendesk.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes (JVMs) run the same export route behind {@code master:} over Camel's file-lock cluster service, the
 * position in PostgreSQL. One node polls; it is killed mid-backfill; another takes over from the shared position.
 */
class ExportFailoverTest {

    static final int TICKETS = 3000;
    static final int PER_PAGE = 100;

    @TempDir
    Path dir;

    @Test
    void theBackfillCompletesOnAnotherNodeWhenTheLeaderDies() throws Exception {
        try (ZendeskEmulator zendesk = ZendeskEmulator.builder().incrementalRequestsPerMinute(0).requestsPerMinute(0)
                .recentExclusion(Duration.ZERO).build();
             ClusterSupport cluster = new ClusterSupport(dir)) {
            zendesk.start();
            zendesk.admin().bulkLoadTickets(TICKETS, Instant.now().minus(Duration.ofDays(2)), Duration.ofSeconds(10));
            Map<String, String> args = Map.of("mode", "export", "baseUrl", zendesk.baseUrl(), "jdbcUrl", cluster.jdbcUrl(),
                    "clusterDir", dir.resolve("cluster").toString(), "recordMillis", "3");
            for (String name : List.of("node-a", "node-b", "node-c")) {
                cluster.start(name, args);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.count("SELECT count(*) FROM processed") >= 600);
            List<List<String>> writers = cluster.query("SELECT DISTINCT node FROM processed");
            assertThat(writers).as("one node polls, the others stand by").hasSize(1);
            String leader = writers.get(0).get(0);
            ClusterSupport.Node leaderNode = cluster.nodes().stream().filter(n -> n.name().equals(leader)).findFirst()
                    .orElseThrow();
            leaderNode.kill();
            long killedAt = System.nanoTime();
            long seqAtKill = cluster.count("SELECT max(seq) FROM processed");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.count("SELECT count(*) FROM processed WHERE seq > " + seqAtKill) > 0);
            double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> cluster.count("SELECT count(DISTINCT record_id) FROM processed") == TICKETS);
            double completeSeconds = (System.nanoTime() - killedAt) / 1e9;

            List<List<String>> after = cluster.query("SELECT DISTINCT node FROM processed WHERE seq > " + seqAtKill);
            assertThat(after).as("exactly one other node took over").hasSize(1);
            assertThat(after.get(0).get(0)).isNotEqualTo(leader);
            long rows = cluster.count("SELECT count(*) FROM processed");
            long duplicates = rows - TICKETS;
            Set<String> expected = zendesk.admin().list("tickets").stream().map(t -> t.get("id").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> processed = cluster.query("SELECT DISTINCT record_id FROM processed").stream()
                    .map(r -> r.get(0)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(processed).as("no record lost").isEqualTo(expected);
            // what the dead leader processed of its last page, before it could store the position: at most a page
            assertThat(duplicates).as("duplicates stay within the page being processed when the leader died")
                    .isBetween(0L, (long) PER_PAGE);
            System.out.printf("failover: %d tickets, leader %s killed after %d rows, %s completed the backfill;"
                              + " %d duplicates; first record on the new leader %.1f s after the kill, backfill complete after %.1f s%n",
                    TICKETS, leader, seqAtKill, after.get(0).get(0), duplicates, takeoverSeconds, completeSeconds);

            // the new leader goes on with the incremental export: changes made now arrive with their new updated_at
            Map<Long, String> changed = new HashMap<>();
            for (ObjectNode t : zendesk.admin().list("tickets").subList(0, 5)) {
                long id = t.get("id").asLong();
                changed.put(id, zendesk.admin().updateTicket(id, Map.of("status", "solved")).get("updated_at").asText());
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (Map.Entry<Long, String> c : changed.entrySet()) {
                    assertThat(cluster.count("SELECT count(*) FROM processed WHERE record_id = '" + c.getKey()
                                             + "' AND version = '" + c.getValue() + "'")).isEqualTo(1);
                }
            });
        }
    }
}
