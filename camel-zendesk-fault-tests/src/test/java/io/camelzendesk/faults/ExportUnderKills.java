package io.camelzendesk.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.core.ConditionTimeoutException;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.ZendeskEmulator;

import static org.awaitility.Awaitility.await;

/**
 * One export scenario: the export node is started, interrupted at a random instant, started again, ... while records
 * change; then started a last time and left to reach the end of the export. Every third interruption (the first, the
 * fourth, ...) is a graceful stop of the Camel context, as a redeploy; the others are SIGKILL. With
 * {@code operatorRestartsRoutes}, in every third run (the second, the fifth, ...) one export route, chosen at random,
 * is stopped and started again through Camel's route controller at a random instant, the other routes running. What
 * the routes delivered is compared with the emulator's records: every (id, latest updated_at) must have been delivered.
 */
final class ExportUnderKills {

    static final int PER_PAGE = 100;
    /** The route's own work per record: long enough that kills land in the middle of pages. */
    static final int RECORD_MILLIS = 1;
    static final int KILL_AFTER_MAX_MILLIS = 3000;

    private final ZendeskEmulator zendesk;
    private final Path dir;
    private final List<String> resources;
    private final Random random;
    private final boolean growingApplication;
    private final boolean operatorRestartsRoutes;
    /** The first error of a node that died at start (the scenario ends there), or null. */
    private String startFailure;
    private int kills;
    private int gracefulStops;
    private final Map<String, Integer> routeRestarts = new LinkedHashMap<>();

    /** The outcome per resource and of the whole run. */
    record Outcome(int kills, int gracefulStops, Map<String, Integer> routeRestarts, List<String> interruptions,
                   Deliveries deliveries,
                   Map<String, Map<Long, String>> expected, long changes, double seconds, String startFailure,
                   List<String> nodeProblems) {

        /**
         * Every interruption of a resource's route may deliver its page in flight again: kills, graceful stops and the
         * restarts of that route (a restart of another route does not touch it).
         */
        long duplicateBound(String resource) {
            return (long) PER_PAGE * (kills + gracefulStops + routeRestarts.getOrDefault(resource, 0));
        }

        int routeRestartCount() {
            return routeRestarts.values().stream().mapToInt(Integer::intValue).sum();
        }

        long lost(String resource) {
            return deliveries.lost(resource, expected.get(resource));
        }

        long duplicated(String resource) {
            return deliveries.duplicated(resource);
        }
    }

    /**
     * @param growingApplication from the second start on, every other start adds an unrelated route (without an id)
     *                           before the export routes, as a new release of the application would
     * @param operatorRestartsRoutes in every third run one export route is stopped and started again in the running node
     */
    ExportUnderKills(ZendeskEmulator zendesk, Path dir, List<String> resources, Random random, boolean growingApplication,
            boolean operatorRestartsRoutes) {
        this.zendesk = zendesk;
        this.dir = dir;
        this.resources = resources;
        this.random = random;
        this.growingApplication = growingApplication;
        this.operatorRestartsRoutes = operatorRestartsRoutes;
    }

    /** @param interruptions the runs interrupted (by SIGKILL or, every third, by a graceful stop) before the last */
    Outcome run(int interruptions) throws Exception {
        long started = System.nanoTime();
        EmulatorAdmin admin = zendesk.admin();
        Path out = dir.resolve("delivered.txt");
        Path log = dir.resolve("node.log");
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        for (String r : resources) {
            ids.put(r, admin.list(r).stream().map(o -> o.get("id").asLong()).toList());
        }
        List<String> events = new ArrayList<>();
        long changes;
        try (ConcurrentChanges changing = new ConcurrentChanges(admin, ids, random.nextLong(), 20)) {
            for (int start = 0; start < interruptions && startFailure == null; start++) {
                NodeProcess node = start(log, args(out, start));
                if (node == null) {
                    break;
                }
                long after = random.nextInt(KILL_AFTER_MAX_MILLIS);
                if (operatorRestartsRoutes && start % 3 == 1) {
                    long at = random.nextInt((int) after + 1);
                    String resource = resources.get(random.nextInt(resources.size()));
                    String route = "export-" + resource;
                    long down = random.nextInt(500);
                    Thread.sleep(at);
                    node.restartRoute(route, down);
                    routeRestarts.merge(resource, 1, Integer::sum);
                    events.add("route " + route + " restarted at " + at + " (down " + down + " ms)");
                    Thread.sleep(after - at);
                } else {
                    Thread.sleep(after);
                }
                if (start % 3 == 0) {
                    boolean stopped = node.stop();
                    gracefulStops += stopped ? 1 : 0;
                    kills += stopped ? 0 : 1;
                    events.add((stopped ? "stop " : "STOP TIMED OUT, kill ") + after);
                } else {
                    node.kill();
                    kills++;
                    events.add("kill " + after);
                }
            }
            changes = changing.changes();
        }
        // the last run, to the end of the export: every record's latest version must arrive
        Map<String, Map<Long, String>> expected = expected(admin);
        NodeProcess last = startFailure == null ? start(log, args(out, interruptions)) : null;
        if (last == null) {
            return outcome(events, out, expected, changes, started, log);
        }
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        Deliveries d = Deliveries.read(out);
                        return resources.stream().allMatch(r -> d.lost(r, expected.get(r)) == 0);
                    });
        } catch (ConditionTimeoutException e) {
            // reported by the figures and the assertions
        } finally {
            last.kill();
        }
        return outcome(events, out, expected, changes, started, log);
    }

    /** Starts a node; null when it died at start (its first error line is kept as the start failure). */
    private NodeProcess start(Path log, Map<String, String> args) throws IOException {
        try {
            return NodeProcess.start(log, args);
        } catch (IllegalStateException died) {
            startFailure = problems(log).stream().filter(l -> l.contains("Exception")).findFirst()
                    .orElse(died.getMessage().lines().findFirst().orElse("died"));
            return null;
        }
    }

    private Outcome outcome(List<String> events, Path out, Map<String, Map<Long, String>> expected, long changes,
            long started, Path log) throws IOException {
        // kept for a look after the run: target/fault-tests/<resources>-{node.log,delivered.txt}
        Path keep = Path.of("target", "fault-tests");
        Files.createDirectories(keep);
        String name = String.join("-", resources);
        if (Files.exists(log)) {
            Files.copy(log, keep.resolve(name + "-node.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.exists(out)) {
            Files.copy(out, keep.resolve(name + "-delivered.txt"), StandardCopyOption.REPLACE_EXISTING);
        }
        return new Outcome(kills, gracefulStops, routeRestarts, events, Deliveries.read(out), expected, changes,
                (System.nanoTime() - started) / 1e9, startFailure, problems(log));
    }

    /** The nodes' WARN and ERROR lines, each kind once (timestamps and threads cut), at most 8. */
    private static List<String> problems(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("Exception") || l.startsWith("Caused by"))
                .map(l -> l.replaceFirst("^\\S+ +(WARN|ERROR) +\\[[^]]*\\] ", "$1 "))
                .map(l -> l.length() > 220 ? l.substring(0, 220) + "..." : l).distinct().limit(8).toList();
    }

    private Map<String, String> args(Path out, int start) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("baseUrl", zendesk.baseUrl());
        a.put("resources", String.join(",", resources));
        a.put("out", out.toString());
        a.put("stateDirectory", dir.resolve("state").toString());
        a.put("perPage", String.valueOf(PER_PAGE));
        a.put("recordMillis", String.valueOf(RECORD_MILLIS));
        a.put("unrelatedRoute", String.valueOf(growingApplication && start % 2 == 1));
        return a;
    }

    private Map<String, Map<Long, String>> expected(EmulatorAdmin admin) {
        Map<String, Map<Long, String>> expected = new HashMap<>();
        for (String r : resources) {
            Map<Long, String> latest = new HashMap<>();
            for (ObjectNode o : admin.list(r)) {
                latest.put(o.get("id").asLong(), o.get("updated_at").asText());
            }
            expected.put(r, latest);
        }
        return expected;
    }

    /** The figures of an outcome, per resource, with the bound on duplicates: a page in flight per interruption. */
    static Map<String, Object> figures(Outcome o, List<String> resources) {
        Map<String, Object> f = Figures.of();
        f.put("kills (SIGKILL)", o.kills());
        f.put("graceful stops", o.gracefulStops());
        f.put("route restarts (in a running node)", o.routeRestartCount() + " " + o.routeRestarts());
        f.put("interruptions (ms after READY)", o.interruptions());
        f.put("concurrent changes", o.changes());
        f.put("records delivered", o.deliveries().records());
        for (String r : resources) {
            f.put(r + ": records expected", o.expected().get(r).size());
            f.put(r + ": delivered", o.deliveries().records(r));
            f.put(r + ": lost", o.lost(r));
            f.put(r + ": duplicated (bound " + o.duplicateBound(r) + ")", o.duplicated(r));
        }
        f.put("seconds", String.format("%.1f", o.seconds()));
        if (o.startFailure() != null) {
            f.put("NODE FAILED TO START", o.startFailure());
        }
        for (int i = 0; i < o.nodeProblems().size(); i++) {
            f.put("node log " + (i + 1), o.nodeProblems().get(i));
        }
        return f;
    }
}
