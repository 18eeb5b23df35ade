package io.camelzendesk.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the export routes delivered: the lines {@code <resource> <id> <updated_at>} of the nodes' output file. */
final class Deliveries {

    /** Per resource: each (id, updated_at) delivered and how many times. */
    private final Map<String, Map<String, Integer>> byResource = new HashMap<>();
    private long records;

    static Deliveries read(Path file) throws IOException {
        Deliveries d = new Deliveries();
        if (!Files.exists(file)) {
            return d;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                continue; // a line torn by a kill: its record was not processed to the end, it comes again
            }
            d.records++;
            d.byResource.computeIfAbsent(parts[0], k -> new HashMap<>()).merge(parts[1] + " " + parts[2], 1, Integer::sum);
        }
        return d;
    }

    long records() {
        return records;
    }

    long records(String resource) {
        return byResource.getOrDefault(resource, Map.of()).values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Deliveries of a version of a record beyond its first. */
    long duplicated(String resource) {
        return byResource.getOrDefault(resource, Map.of()).values().stream().mapToLong(n -> n - 1).sum();
    }

    /** The expected (id, latest updated_at) pairs never delivered. */
    long lost(String resource, Map<Long, String> expected) {
        Map<String, Integer> got = byResource.getOrDefault(resource, Map.of());
        return expected.entrySet().stream().filter(e -> !got.containsKey(e.getKey() + " " + e.getValue())).count();
    }
}
