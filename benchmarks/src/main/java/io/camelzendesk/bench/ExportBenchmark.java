package io.camelzendesk.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;

/**
 * Export throughput: {@code from(zendesk:tickets...)} -> a no-op counter, against a {@link BenchServer} (own JVM,
 * no rate limit) serving {@code --tickets} realistic tickets in pages of 1,000. For each heap of {@code --heaps}
 * (default {@code 2g,64m}) a child JVM (plus {@code --jvm-opts "..."}, e.g. a JFR recording; {@code --uri-extra "&..."}
 * adds endpoint options) runs {@code --warmup} warm-up runs then {@code --runs} timed runs, each with a
 * fresh CamelContext, and prints records/s and requests per run; the median is reported.
 * <p>
 * A run's window goes from the server's first export request to the N-th record (the consumer's initial delay is
 * not counted).
 */
public final class ExportBenchmark {

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        if (o.string("child-base", null) != null) {
            child(o);
            return;
        }
        int tickets = o.integer("tickets", 200_000);
        List<String> summary = new ArrayList<>();
        try (ServerProcess server = new ServerProcess("--tickets", String.valueOf(tickets))) {
            for (String heap : o.string("heaps", "2g,64m").split(",")) {
                List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
                String extra = o.string("jvm-opts", "").trim();
                if (!extra.isEmpty()) {
                    jvm.addAll(List.of(extra.split("\\s+")));
                }
                List<String> cmd = ServerProcess.javaCommand(jvm, ExportBenchmark.class,
                        "--child-base", server.baseUrl, "--tickets", String.valueOf(tickets),
                        "--runs", String.valueOf(o.integer("runs", 3)), "--warmup", String.valueOf(o.integer("warmup", 1)),
                        "--xmx", heap, "--uri-extra", o.string("uri-extra", ""));
                Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null;) {
                        System.out.println(line);
                        if (line.startsWith("export summary")) {
                            summary.add(line);
                        }
                    }
                }
                if (child.waitFor() != 0) {
                    summary.add("export summary xmx=" + heap + " FAILED (exit " + child.exitValue() + ")");
                }
            }
        }
        System.out.println();
        summary.forEach(System.out::println);
        System.exit(0);
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
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("export summary xmx=%s records_per_s_median=%.0f runs=%s requests_per_run=%s%n", xmx,
                sorted[runs / 2], Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()),
                Arrays.toString(requests));
        System.exit(0);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
