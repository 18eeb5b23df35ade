package io.camelzendesk.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.camelzendesk.model.Ticket;

/**
 * The export's CPU cost per record, in the client JVM only (issue 19): ours, the official camel-zendesk 4.17.0 and
 * {@link ExportCeiling}'s bare client, each in its own child JVM (same {@code -Xmx}, {@code --jvm-opts}) against one
 * {@link BenchServer} (its own JVM) serving the same {@code --tickets} pages to all of them: ours through the cursor
 * export ({@code zendesk:tickets} consumer, {@link ExportBenchmark}'s URI, counted as {@link CountingExport} does), the
 * official through the time-based export (its producer {@code getTicketsIncrementally} + {@code split().streaming()},
 * {@code official-sync/run.sh export}), the ceiling through the cursor export decoding into maps.
 * <p>
 * Each JVM does {@code --warmup} (4) untimed then {@code --runs} (3) timed exports of {@code --tickets} (200,000), the
 * same counts for all three, at {@code --xmx} (2g) plus {@code --jvm-opts}; the official's command is {@code --official}
 * ({@code benchmarks/official-sync/run.sh}). With 2 warm-ups ours was still getting faster inside its timed runs on a
 * 2-core machine (its JIT), the official was not: hence 4. A run's
 * window goes from the server's first export request to the N-th record; its CPU is the JVM's process CPU time
 * (every thread: GC and JIT included) from just before the client's first request to the N-th record. Also
 * printed: the JVM's CPU from its start to the last run's N-th record over every record it read ("jvm"). The clients
 * alternate over {@code --rounds} (the order rotates each round); each round prints the medians of its JVMs' timed
 * runs, and the summary the medians over rounds, the ratios ours/official (CPU per record, target <= 0.5) and
 * ours/ceiling (records/s, target >= 0.90), and the load average at the start and end.
 */
public final class ExportCpuBenchmark {

    /**
     * What each client of ours reads of a record: {@code ours} nothing (it counts records, as the official's route
     * and the ceiling do); {@code ours-reads} a filter's worth of plain fields (id, status, priority, subject,
     * updated_at, requester_id); {@code ours-decoded} every field ({@code fields()}, as a route that reads a
     * nested field or converts the record to a Map does).
     */
    private static final Map<String, Consumer<Object>> OURS = Map.of(
            "ours", body -> {
            },
            "ours-reads", body -> {
                Ticket t = (Ticket) body;
                if (t.getId() == null || t.getStatus() == null || t.getPriority() == null || t.getSubject() == null
                    || t.getUpdatedAt() == null || t.getRequesterId() == null) {
                    throw new IllegalStateException("a field is missing in " + t.getId());
                }
            },
            "ours-decoded", body -> {
                if (((Ticket) body).fields().size() < 40) {
                    throw new IllegalStateException("fields are missing");
                }
            });

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        if (o.string("child", null) != null) {
            child(o);
            return;
        }
        int tickets = o.integer("tickets", 200_000);
        int rounds = o.integer("rounds", 3);
        List<String> clients = List.of(o.string("clients", "ours,official,ceiling").split(","));
        String[] counts = {"--tickets", String.valueOf(tickets), "--warmup", String.valueOf(o.integer("warmup", 4)),
                           "--runs", String.valueOf(o.integer("runs", 3))};
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + o.string("xmx", "2g")));
        String extra = o.string("jvm-opts", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        String official = o.string("official", "benchmarks/official-sync/run.sh");
        String loadStart = RunInfo.loadavg();
        System.out.printf("cpu start load=%s commit=%s component_jar=%s java=%s jvm=%s tickets=%d rounds=%d %s%n",
                loadStart, RunInfo.commit(), RunInfo.componentJar(), RunInfo.java(), String.join(" ", jvm), tickets, rounds,
                String.join(" ", counts));
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        clients.forEach(c -> results.put(c, new ArrayList<>()));
        try (ServerProcess server = new ServerProcess("--tickets", String.valueOf(tickets))) {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < clients.size(); k++) {
                    String client = clients.get((k + r) % clients.size());
                    Map<String, Double> res = runClient(client, r + 1, server.baseUrl, jvm, official, counts);
                    results.get(client).add(res);
                }
                for (String ours : clients) {
                    if (!OURS.containsKey(ours)) {
                        continue;
                    }
                    Map<String, Double> us = last(results.get(ours));
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "cpu round=%d %s", r + 1, ours));
                    if (results.containsKey("official")) {
                        Map<String, Double> off = last(results.get("official"));
                        line.append(String.format(Locale.ROOT, " /official cpu_window=%.2f cpu_jvm=%.2f rate=%.2f",
                                us.get("cpu100k") / off.get("cpu100k"), us.get("jvm100k") / off.get("jvm100k"),
                                us.get("rate") / off.get("rate")));
                    }
                    if (results.containsKey("ceiling")) {
                        line.append(String.format(Locale.ROOT, " /ceiling rate=%.2f",
                                us.get("rate") / last(results.get("ceiling")).get("rate")));
                    }
                    System.out.println(line);
                }
            }
        }
        summary(results, loadStart);
        System.exit(0);
    }

    /** Runs one client's JVM, echoes its lines, returns the medians of its timed runs and its whole-JVM figure. */
    private static Map<String, Double> runClient(String client, int round, String base, List<String> jvm, String official,
            String[] counts) throws Exception {
        List<String> cmd;
        ProcessBuilder pb;
        if (client.equals("official")) {
            cmd = new ArrayList<>(List.of(official, "export", "--base-url", base));
            cmd.addAll(List.of(counts));
            pb = new ProcessBuilder(cmd);
            pb.environment().put("JAVA_OPTS", String.join(" ", jvm));
        } else {
            List<String> args = new ArrayList<>(List.of("--child", client, "--base", base));
            args.addAll(List.of(counts));
            pb = new ProcessBuilder(ServerProcess.javaCommand(jvm, ExportCpuBenchmark.class, args.toArray(String[]::new)));
        }
        String load = RunInfo.loadavg();
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Double> rates = new ArrayList<>();
        List<Double> cpu100k = new ArrayList<>();
        double jvm100k = Double.NaN;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                System.out.println("  round=" + round + " " + line);
                Map<String, String> kv = keyValues(line);
                if (line.startsWith("cpu-run ") && !kv.get("run").startsWith("warmup")) {
                    rates.add(Double.parseDouble(kv.get("records_per_s")));
                    cpu100k.add(Double.parseDouble(kv.get("cpu_window_s")) * 100_000 / Double.parseDouble(kv.get("records")));
                } else if (line.startsWith("cpu-jvm ")) {
                    jvm100k = Double.parseDouble(kv.get("jvm_cpu_s")) * 100_000 / Double.parseDouble(kv.get("jvm_records"));
                }
            }
        }
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || rates.isEmpty()) {
            throw new IllegalStateException(client + " failed in round " + round + " (exit "
                                            + (p.isAlive() ? "none" : p.exitValue()) + ")");
        }
        Map<String, Double> res = new LinkedHashMap<>();
        res.put("rate", median(rates));
        res.put("cpu100k", median(cpu100k));
        res.put("jvm100k", jvm100k);
        System.out.printf(Locale.ROOT, "cpu round=%d client=%s records_per_s=%.0f cpu_s_per_100k_window=%.3f"
                          + " cpu_s_per_100k_jvm=%.3f load_before=%s load_after=%s%n", round, client, res.get("rate"),
                res.get("cpu100k"), jvm100k, load, RunInfo.loadavg());
        return res;
    }

    private static void summary(Map<String, List<Map<String, Double>>> results, String loadStart) {
        Map<String, Map<String, Double>> med = new LinkedHashMap<>();
        results.forEach((client, rounds) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String key : List.of("rate", "cpu100k", "jvm100k")) {
                m.put(key, median(rounds.stream().map(x -> x.get(key)).toList()));
            }
            med.put(client, m);
            System.out.printf(Locale.ROOT, "cpu summary client=%s records_per_s=%.0f cpu_s_per_100k_window=%.3f"
                              + " cpu_s_per_100k_jvm=%.3f (medians of %d rounds)%n", client, m.get("rate"), m.get("cpu100k"),
                    m.get("jvm100k"), rounds.size());
        });
        for (String ours : results.keySet()) {
            if (!OURS.containsKey(ours)) {
                continue;
            }
            if (results.containsKey("official")) {
                List<Double> cpuRatio = perRound(results, ours, "official", "cpu100k");
                List<Double> jvmRatio = perRound(results, ours, "official", "jvm100k");
                double cpu = median(cpuRatio);
                System.out.printf(Locale.ROOT, "cpu summary %s/official cpu_per_record_window=%.2f (rounds %s; target <="
                                  + " 0.5: %s) cpu_per_record_jvm=%.2f (rounds %s) records_per_s=%.2f%n", ours, cpu,
                        fmt(cpuRatio), cpu <= 0.5 ? "met" : "MISSED", median(jvmRatio), fmt(jvmRatio),
                        median(perRound(results, ours, "official", "rate")));
            }
            if (results.containsKey("ceiling")) {
                List<Double> ceilRatio = perRound(results, ours, "ceiling", "rate");
                double ceiling = median(ceilRatio);
                System.out.printf(Locale.ROOT, "cpu summary %s/ceiling records_per_s=%.2f (rounds %s; target >= 0.90:"
                                  + " %s)%n", ours, ceiling, fmt(ceilRatio), ceiling >= 0.90 ? "met" : "MISSED");
            }
        }
        System.out.printf("cpu summary load_start=%s load_end=%s%n", loadStart, RunInfo.loadavg());
    }

    /** In a child JVM: {@code --child ours|ours-reads|ours-decoded|ceiling}, warm-up then timed exports, one {@code cpu-run} line each. */
    private static void child(Opts o) throws Exception {
        String client = o.string("child", null);
        ServerProcess server = ServerProcess.attach(o.string("base", null));
        int tickets = o.integer("tickets", 200_000);
        int warmup = o.integer("warmup", 2);
        int runs = o.integer("runs", 3);
        String uri = "zendesk:tickets?baseUrl=" + server.baseUrl + "&oauthToken=t&startTime=0&delay=100"
                     + "&incrementalRequestsPerMinute=0&stateInMemory=true";
        var http = java.net.http.HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        long lastCpu = 0;
        for (int i = -warmup; i < runs; i++) {
            server.reset();
            Map<Long, Object[]> threads0 = RunInfo.threadCpuNanos();
            Map<Long, Object[]> threads1;
            long cpu0;
            long endMs;
            long records;
            if (OURS.containsKey(client)) {
                try (CountingExport export = new CountingExport(uri, tickets, false, OURS.get(client))) {
                    cpu0 = RunInfo.processCpuNanos();
                    export.startRoute();
                    if (!export.await(10, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("ours: " + export.count() + " of " + tickets + " records");
                    }
                    endMs = export.reachedMs();
                    lastCpu = export.reachedCpuNanos();
                    threads1 = RunInfo.threadCpuNanos(); // before the context's threads end
                    records = tickets;
                }
            } else {
                cpu0 = RunInfo.processCpuNanos();
                records = ExportCeiling.export(http, json, json.readerFor(LinkedHashMap.class), server.baseUrl, "map");
                endMs = System.currentTimeMillis();
                lastCpu = RunInfo.processCpuNanos();
                threads1 = RunInfo.threadCpuNanos();
                if (records != tickets) {
                    throw new IllegalStateException("ceiling: " + records + " of " + tickets + " records");
                }
            }
            double seconds = (endMs - server.stat("first_export_ms")) / 1000.0;
            System.out.printf(Locale.ROOT, "cpu-run client=%s run=%s records=%d window_s=%.3f records_per_s=%.0f"
                              + " cpu_window_s=%.3f requests=%d%n", client, i < 0 ? "warmup-" + (i + warmup + 1) : i + 1,
                    records, seconds, records / seconds, (lastCpu - cpu0) / 1e9, server.stat("export_requests"));
            System.out.printf("cpu-threads client=%s run=%s %s%n", client, i < 0 ? "warmup-" + (i + warmup + 1) : i + 1,
                    RunInfo.threadCpuDelta(threads0, threads1));
        }
        System.out.printf(Locale.ROOT, "cpu-jvm client=%s jvm_cpu_s=%.3f jvm_records=%d uptime_s=%.1f%n", client,
                lastCpu / 1e9, (long) tickets * (warmup + runs),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        System.exit(0);
    }

    private static List<Double> perRound(Map<String, List<Map<String, Double>>> results, String a, String b, String key) {
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < results.get(a).size(); r++) {
            out.add(results.get(a).get(r).get(key) / results.get(b).get(r).get(key));
        }
        return out;
    }

    private static Map<String, Double> last(List<Map<String, Double>> list) {
        return list.get(list.size() - 1);
    }

    private static double median(List<Double> values) {
        return RunInfo.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String fmt(List<Double> values) {
        return String.join(",", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    /** The {@code key=value} pairs of a line. */
    private static Map<String, String> keyValues(String line) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String token : line.split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                kv.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return kv;
    }
}
