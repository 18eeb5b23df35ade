package io.camelzendesk.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * Export consumers in a child JVM killed with SIGKILL or stopped gracefully (every third time) at random instants while
 * records change, restarted each time, and in (b) single routes stopped and started in the running node; then run to
 * the end of the export: every record's latest version was delivered (0 lost), and duplicates stay within the page in
 * flight at each interruption. The instants come from a seeded Random printed with the figures.
 */
class ExportKillTest {

    @TempDir
    Path dir;

    @Test
    void ticketExportKilledAtRandomInstantsLosesNothing() throws Exception {
        long seed = Figures.seed();
        List<String> resources = List.of("tickets");
        try (ZendeskEmulator zendesk = emulator()) {
            zendesk.start();
            zendesk.admin().bulkLoadTickets(3000, Instant.now().minus(Duration.ofDays(3)), Duration.ofSeconds(60));
            ExportUnderKills.Outcome outcome = new ExportUnderKills(zendesk, dir, resources, new Random(seed), false, false)
                    .run(Figures.kills());
            Figures.print("a. ticket export, kill -9 and graceful stops", seed, ExportUnderKills.figures(outcome, resources));
            check(outcome, resources);
        }
    }

    @Test
    void threeExportRoutesInOneJvmWithARouteAddedBetweenRestartsLoseNothing() throws Exception {
        long seed = Figures.seed();
        List<String> resources = List.of("tickets", "users", "organizations");
        try (ZendeskEmulator zendesk = emulator()) {
            zendesk.start();
            zendesk.admin().bulkLoadTickets(2000, Instant.now().minus(Duration.ofDays(3)), Duration.ofSeconds(60));
            for (int i = 0; i < 1500; i++) {
                zendesk.admin().createUser(Map.of("name", "Customer " + i, "email", "customer" + i + "@example.com"));
            }
            for (int i = 0; i < 600; i++) {
                zendesk.admin().createOrganization(Map.of("name", "Organization " + i));
            }
            ExportUnderKills.Outcome outcome = new ExportUnderKills(zendesk, dir, resources, new Random(seed), true, true)
                    .run(Figures.kills());
            Figures.print("b. three export routes in one JVM, route restarts, a route added between restarts, kill -9 and graceful stops", seed,
                    ExportUnderKills.figures(outcome, resources));
            check(outcome, resources);
        }
    }

    /**
     * Zendesk leaves rows changed within the last minute out of its exports; the emulator here, two seconds. Without
     * it a cursor could stand on (second T, id 900) while ticket 12 changes within that same second T, behind the
     * cursor: never exported (seen in this suite with no exclusion, as hundreds of lost records).
     */
    private static ZendeskEmulator emulator() {
        return ZendeskEmulator.builder().requestsPerMinute(0).incrementalRequestsPerMinute(0)
                .recentExclusion(Duration.ofSeconds(2)).build();
    }

    private static void check(ExportUnderKills.Outcome outcome, List<String> resources) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(outcome.startFailure()).as("the export node failed to start after a kill").isNull();
        for (String r : resources) {
            soft.assertThat(outcome.lost(r)).as(r + ": records whose latest version was never delivered").isZero();
            soft.assertThat(outcome.duplicated(r)).as(r + ": duplicates, at most a page in flight per interruption")
                    .isLessThanOrEqualTo(outcome.duplicateBound(r));
        }
        soft.assertAll();
    }
}
