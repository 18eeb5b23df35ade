package io.camelzendesk.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Export throughput: {@code from(zendesk:tickets...)} -> a no-op counter, against a {@link BenchServer} (own JVM,
 * no rate limit) serving {@code --tickets} realistic tickets in pages of 1,000. For each heap of {@code --heaps}
 * (default {@code 2g,64m}) a child JVM (plus {@code --jvm-opts "..."}, e.g. a JFR recording; {@code --uri-extra "&..."}
 * adds endpoint options) runs {@code --warmup} warm-up runs then {@code --runs} timed runs, each with a
 * fresh CamelContext, and prints records/s and requests per run; the median is reported, with the first timed run,
 * the load average before and after, the endpoint URI, the commit and the component jar's sha256 (its first 12 digits).
 * <p>
 * A run's window goes from the server's first export request to the N-th record (the consumer's initial delay is
 * not counted).
 * <p>
 * {@code --official benchmarks/official-sync/run.sh} also runs the official camel-zendesk 4.17.0's export (its
 * producer + {@code split().streaming()}, against the same server's time-based export) in its own JVM with the same
 * heap, options, {@code --warmup} and {@code --runs}; {@code --rounds N} alternates the two (ours first in odd rounds)
 * and prints each round's ratio and their median. {@code --server-url URL} runs against a server already started
 * (e.g. reference-bench's {@code FakeZendesk}, whose {@code first_ms}/{@code requests} stand for our counters) instead
 * of a new {@link BenchServer}.
 */
public final class ExportBenchmark {

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        if (o.string("child-base", null) != null) {
            child(o);
            return;
        }
        int tickets = o.integer("tickets", 200_000);
        int rounds = o.integer("rounds", 1);
        String official = o.string("official", null);
        String serverUrl = o.string("server-url", null);
        List<String> summary = new ArrayList<>();
        try (ServerProcess server = serverUrl != null ? ServerProcess.attach(serverUrl)
                : new ServerProcess("--tickets", String.valueOf(tickets))) {
            for (String heap : o.string("heaps", "2g,64m").split(",")) {
                List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
                String extra = o.string("jvm-opts", "").trim();
                if (!extra.isEmpty()) {
                    jvm.addAll(List.of(extra.split("\\s+")));
                }
                String[] counts = {"--tickets", String.valueOf(tickets), "--runs", String.valueOf(o.integer("runs", 3)),
                                   "--warmup", String.valueOf(o.integer("warmup", 1))};
                List<Double> ratios = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    // with --official, the two alternate: ours first in odd rounds, the official first in even ones
                    List<String> impls = official == null ? List.of("ours")
                            : r % 2 == 1 ? List.of("ours", "official") : List.of("official", "ours");
                    Map<String, Double> medians = new HashMap<>();
                    for (String impl : impls) {
                        String line = impl.equals("ours") ? ours(server.baseUrl, heap, jvm, counts, o)
                                : official(official, server.baseUrl, heap, jvm, counts);
                        summary.add(line + " round=" + r);
                        Matcher m = Pattern.compile("records_per_s_median=(\\d+)").matcher(line);
                        if (m.find()) {
                            medians.put(impl, Double.parseDouble(m.group(1)));
                        }
                    }
                    if (medians.size() == 2) {
                        ratios.add(medians.get("ours") / medians.get("official"));
                    }
                }
                if (!ratios.isEmpty()) {
                    double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    summary.add(String.format(Locale.ROOT, "export ratio xmx=%s ours/official per_round=%s median=%.2f"
                                              + " min=%.2f max=%.2f", heap, ratios.stream().map(x -> String.format(Locale.ROOT,
                            "%.2f", x)).collect(Collectors.joining(",")), RunInfo.median(sorted), sorted[0],
                            sorted[sorted.length - 1]));
                }
            }
        }
        System.out.println();
        summary.forEach(System.out::println);
        System.exit(0);
    }

    /** Our side: a child JVM of this class; returns its summary line. */
    private static String ours(String base, String heap, List<String> jvm, String[] counts, Opts o) throws Exception {
        List<String> args = new ArrayList<>(List.of("--child-base", base, "--xmx", heap, "--uri-extra",
                o.string("uri-extra", "")));
        args.addAll(List.of(counts));
        List<String> cmd = ServerProcess.javaCommand(jvm, ExportBenchmark.class, args.toArray(String[]::new));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String summary = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                System.out.println(line);
                if (line.startsWith("export summary")) {
                    summary = line;
                }
            }
        }
        if (child.waitFor() != 0 || summary == null) {
            return "export summary impl=ours xmx=" + heap + " FAILED (exit " + child.exitValue() + ")";
        }
        return summary + " commit=" + RunInfo.commit() + " component_jar=" + RunInfo.componentJar();
    }

    /**
     * The official's side: {@code <cmd> export ...} (official-sync/run.sh: its producer + split streaming against the
     * same server's time-based export) with the same heap, JVM options, warm-ups and runs; returns a summary line.
     */
    private static String official(String command, String base, String heap, List<String> jvm, String[] counts)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command, "export", "--base-url", base));
        cmd.addAll(List.of(counts));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("JAVA_OPTS", String.join(" ", jvm));
        String loadStart = RunInfo.loadavg();
        Process child = pb.start();
        List<Long> rates = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                System.out.println("official " + line);
                Matcher m = Pattern.compile("run=(\\d+) .*records_per_s=(\\d+) .*requests=(\\d+)").matcher(line);
                if (line.startsWith("cpu-run") && m.find()) {
                    rates.add(Long.parseLong(m.group(2)));
                    requests.add(m.group(3));
                }
            }
        }
        if (child.waitFor() != 0 || rates.isEmpty()) {
            return "export summary impl=official xmx=" + heap + " FAILED (exit " + child.exitValue() + ")";
        }
        double[] sorted = rates.stream().mapToDouble(Long::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "export summary impl=official xmx=%s records_per_s_median=%.0f first_run=%d runs=%s"
                             + " requests_per_run=%s load_start=%s load_end=%s uri=zendesk:DEFAULT/getTicketsIncrementally"
                             + "+split(body()).streaming()", heap, RunInfo.median(sorted), rates.get(0), rates, requests,
                loadStart, RunInfo.loadavg());
    }

    /** In the child JVM: warm-up and timed runs against the given server. */
    private static void child(Opts o) throws Exception {
        ServerProcess server = ServerProcess.attach(o.string("child-base", null));
        int tickets = o.integer("tickets", 200_000);
        int runs = o.integer("runs", 3);
        int warmup = o.integer("warmup", 1);
        String xmx = o.string("xmx", "?");
        String uri = "zendesk:tickets?baseUrl=" + server.baseUrl + "&oauthToken=t&startTime=0&delay=100"
                     + "&incrementalRequestsPerMinute=0&stateInMemory=true" + o.string("uri-extra", "");
        double[] rates = new double[runs];
        long[] requests = new long[runs];
        String loadStart = RunInfo.loadavg();
        for (int i = -warmup; i < runs; i++) {
            server.reset();
            long gcBefore = gcCount();
            long gcMsBefore = gcMillis();
            CountingExport export = new CountingExport(uri, tickets);
            boolean complete = export.await(10, TimeUnit.MINUTES);
            long req = server.stat("export_requests");
            long first = server.stat("first_export_ms");
            export.close();
            if (!complete) {
                System.out.printf("export xmx=%s run=%d INCOMPLETE: %d of %d records%n", xmx, i, export.count(), tickets);
                System.exit(1);
            }
            double seconds = (export.reachedMs() - first) / 1000.0;
            double rate = tickets / seconds;
            System.out.printf("export xmx=%s %s records=%d seconds=%.3f records_per_s=%.0f requests=%d gcs=%d"
                              + " gc_ms=%d%n", xmx, i < 0 ? "warmup" : "run=" + (i + 1), export.count(), seconds, rate, req,
                    gcCount() - gcBefore, gcMillis() - gcMsBefore);
            if (i >= 0) {
                rates[i] = rate;
                requests[i] = req;
            }
        }
        System.out.printf(Locale.ROOT, "export summary impl=ours xmx=%s records_per_s_median=%.0f first_run=%d runs=%s"
                          + " requests_per_run=%s load_start=%s load_end=%s java=%s uri=%s%n", xmx, RunInfo.median(rates),
                Math.round(rates[0]), Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()),
                Arrays.toString(requests), loadStart, RunInfo.loadavg(), RunInfo.java(), uri);
        System.exit(0);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
