package io.camelzendesk.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** The suite's seed (printed, so a failure can be replayed with -Dfaults.seed=N) and the figures block per scenario. */
final class Figures {

    private Figures() {
    }

    /** The seed of this run: -Dfaults.seed when given, else a fresh one. */
    static long seed() {
        String given = System.getProperty("faults.seed", "");
        return given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
    }

    static int kills() {
        String given = System.getProperty("faults.kills", "");
        return given.isBlank() ? 12 : Integer.parseInt(given.trim());
    }

    /** An ordered set of figures to print. */
    static Map<String, Object> of() {
        return new LinkedHashMap<>();
    }

    /** Prints a clear block: the scenario, its seed and one figure a line. */
    static void print(String scenario, long seed, Map<String, Object> figures) {
        StringBuilder b = new StringBuilder("\n===== FAULT SUITE | ").append(scenario).append(" | seed ").append(seed)
                .append(" (replay: -Dfaults.seed=").append(seed).append(") =====\n");
        figures.forEach((k, v) -> b.append(String.format("  %-34s %s%n", k, v)));
        b.append("=====\n");
        System.out.println(b);
    }
}
