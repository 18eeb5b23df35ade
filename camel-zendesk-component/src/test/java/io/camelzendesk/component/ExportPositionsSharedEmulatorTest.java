package io.camelzendesk.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelzendesk.component.position.FilePositionRepository;
import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.ZendeskObject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several export consumers on one position file (three routes of one context, routes of two contexts), stopped and
 * started against the emulator: each resumes where it stopped, nothing is exported again.
 */
class ExportPositionsSharedEmulatorTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> RESOURCES = List.of("tickets", "users", "organizations");

    @TempDir
    Path stateDir;

    private ZendeskEmulator emulator;
    private EmulatorAdmin admin;
    private final List<CamelContext> contexts = new ArrayList<>();
    /** resource -> the ids received, in order. */
    private final Map<String, List<Long>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void startEmulator() {
        emulator = ZendeskEmulator.builder().requestsPerMinute(0).incrementalRequestsPerMinute(0)
                .recentExclusion(Duration.ZERO).build();
        emulator.start();
        admin = emulator.admin();
        admin.bulkLoadTickets(1500, T0, Duration.ofSeconds(1));
        for (int i = 0; i < 30; i++) {
            admin.createUser(Map.of("name", "User " + i, "email", "user" + i + "@example.com"));
            admin.createOrganization(Map.of("name", "Org " + i));
        }
        RESOURCES.forEach(r -> received.put(r, new CopyOnWriteArrayList<>()));
    }

    @AfterEach
    void stopAll() {
        contexts.forEach(CamelContext::stop);
        emulator.close();
    }

    private CamelContext start(List<String> resources) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String resource : resources) {
                    from("zendesk:" + resource + "?baseUrl=" + emulator.baseUrl() + "&email="
                         + ZendeskEmulator.ADMIN_EMAIL + "&apiToken=" + ZendeskEmulator.API_TOKEN
                         + "&startTime=0&perPage=100&delay=100&initialDelay=0&incrementalRequestsPerMinute=0"
                         + "&stateDirectory=" + stateDir)
                            .routeId(resource + "-export")
                            .process(e -> received.get(resource).add(e.getMessage().getBody(ZendeskObject.class).getId()));
                }
            }
        });
        context.start();
        contexts.add(context);
        return context;
    }

    private int expected(String resource) {
        return admin.list(resource).size();
    }

    private long exportRequests(String resource) {
        return admin.requests().stream().filter(r -> r.path().startsWith("/api/v2/incremental/" + resource)).count();
    }

    /** Waits until every resource's export has been polled again a few times after the restart. */
    private void awaitPolls(int polls) {
        Map<String, Long> before = new ConcurrentHashMap<>();
        RESOURCES.forEach(r -> before.put(r, exportRequests(r)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RESOURCES.stream().allMatch(r -> exportRequests(r) >= before.get(r) + polls));
    }

    private void awaitBackfill() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RESOURCES.stream().allMatch(r -> received.get(r).size() >= expected(r)));
    }

    private void changeOneOfEachWhileDown() {
        // in a later second than the records were created in: export timestamps have second precision, and a
        // change within the same second carries the (id, timestamp) already processed
        long created = Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().getEpochSecond() > created);
        admin.updateTicket(7, Map.of("subject", "changed while down"));
        admin.updateUser(admin.list("users").get(3).get("id").asLong(), Map.of("name", "changed while down"));
        admin.updateOrganization(admin.list("organizations").get(3).get("id").asLong(),
                Map.of("name", "changed while down"));
    }

    @Test
    void threeExportRoutesOfOneContextEachResumeAfterARestart() throws Exception {
        CamelContext first = start(RESOURCES);
        awaitBackfill();
        awaitPolls(2);
        first.stop();
        RESOURCES.forEach(r -> assertThat(received.get(r)).as(r).hasSize(expected(r)));
        RESOURCES.forEach(r -> received.get(r).clear());
        // the positions stay small: the dedupe window only holds what the export can deliver again
        assertThat(Files.size(stateDir.resolve(FilePositionRepository.FILE_NAME))).isLessThan(2_000L);

        changeOneOfEachWhileDown();
        start(RESOURCES);
        await().atMost(Duration.ofSeconds(30)).until(() -> RESOURCES.stream().allMatch(r -> !received.get(r).isEmpty()));
        awaitPolls(3);
        // each route delivered what changed while it was down, and nothing it had exported before
        RESOURCES.forEach(r -> assertThat(received.get(r)).as(r).hasSize(1));
    }

    @Test
    void routesOfTwoContextsSharingAStateDirectoryEachResume() throws Exception {
        CamelContext a = start(List.of("tickets"));
        CamelContext b = start(List.of("users", "organizations"));
        awaitBackfill();
        awaitPolls(2);
        // stopped in the order that lost positions with one file repository per consumer
        b.stop();
        a.stop();
        RESOURCES.forEach(r -> received.get(r).clear());

        changeOneOfEachWhileDown();
        start(List.of("users", "organizations"));
        start(List.of("tickets"));
        await().atMost(Duration.ofSeconds(30)).until(() -> RESOURCES.stream().allMatch(r -> !received.get(r).isEmpty()));
        awaitPolls(3);
        RESOURCES.forEach(r -> assertThat(received.get(r)).as(r).hasSize(1));
    }
}
