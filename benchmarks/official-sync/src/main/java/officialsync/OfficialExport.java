package officialsync;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OFFICIAL camel-zendesk 4.17.0's fastest export path, timed and CPU-metered for our export benchmarks
 * ({@code ExportCpuBenchmark}, {@code ExportBenchmark --official}): {@code direct -> zendesk:DEFAULT/getTicketsIncrementally
 * (startTime = epoch) -> split(body()).streaming() -> counter}, as reference-bench measures it, one CamelContext for
 * every run. Against a server with the time-based export ({@code /api/v2/incremental/tickets.json}) and the counters
 * {@code POST /__reset}, {@code GET /__stats} (our BenchServer, or reference-bench's FakeZendesk).
 * <p>
 * Each run ({@code --warmup} then {@code --runs}) resets the server's counters, then prints one line on stdout:
 * {@code cpu-run client=official run=warmup-1|1.. records=N window_s=S records_per_s=R cpu_window_s=C requests=Q},
 * where the window goes from the server's first request to the N-th record (wall clock), and the CPU is this JVM's
 * process CPU time (every thread: GC and JIT included) from just before the request to the N-th record. The last
 * line: {@code cpu-jvm client=official jvm_cpu_s=C jvm_records=N uptime_s=S} (from the JVM's start).
 * Usage: {@code OfficialExport --base-url URL [--tickets 200000] [--warmup 2] [--runs 3]}.
 */
public final class OfficialExport {

    private static final HttpClient STATS = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = o.get("base-url");
        if (base == null) {
            System.err.println("usage: OfficialExport --base-url URL [--tickets N] [--warmup N] [--runs N]");
            System.exit(2);
        }
        long tickets = Long.parseLong(o.getOrDefault("tickets", "200000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "2"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "3"));

        AtomicLong count = new AtomicLong();
        long[] reached = new long[2]; // wall ms, process CPU ns at the N-th record
        CamelContext ctx = new DefaultCamelContext();
        ctx.addComponent("zendesk", OfficialSync.component(base, "bench@example.com", "not-a-real-token"));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").to("zendesk:DEFAULT/getTicketsIncrementally?inBody=startTime")
                        .split(body()).streaming()
                        .process(e -> {
                            if (e.getMessage().getBody() == null) {
                                throw new IllegalStateException("a null record");
                            }
                            if (count.incrementAndGet() == tickets) {
                                reached[0] = System.currentTimeMillis();
                                reached[1] = cpuNanos();
                            }
                        }).end();
            }
        });
        ctx.start();
        ProducerTemplate tpl = ctx.createProducerTemplate();
        long records = 0;
        int rc = 0;
        try {
            for (int i = -warmup; i < runs; i++) {
                call(base, "POST", "/__reset");
                count.set(0);
                long cpu0 = cpuNanos();
                tpl.requestBody("direct:export", new Date(0));
                records += count.get();
                if (count.get() < tickets) {
                    throw new IllegalStateException("got " + count.get() + " records, expected " + tickets);
                }
                String stats = call(base, "GET", "/__stats");
                long first = stat(stats, "first_export_ms", "first_ms");
                long requests = stat(stats, "export_requests", "requests");
                double seconds = (reached[0] - first) / 1000.0;
                System.out.printf(Locale.ROOT, "cpu-run client=official run=%s records=%d window_s=%.3f records_per_s=%.0f"
                                + " cpu_window_s=%.3f requests=%d%n", i < 0 ? "warmup-" + (i + warmup + 1) : String.valueOf(i + 1),
                        count.get(), seconds, tickets / seconds, (reached[1] - cpu0) / 1e9, requests);
                System.out.flush();
            }
            System.out.printf(Locale.ROOT, "cpu-jvm client=official jvm_cpu_s=%.3f jvm_records=%d uptime_s=%.1f%n",
                    reached[1] / 1e9, records, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        } catch (Exception e) {
            e.printStackTrace();
            rc = 1;
        } finally {
            ctx.stop();
        }
        System.exit(rc); // async-http-client leaves non-daemon threads behind
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String call(String base, String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        return STATS.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A counter of /__stats: our BenchServer's name, else reference-bench FakeZendesk's. */
    private static long stat(String json, String name, String alias) {
        for (String key : new String[] {name, alias}) {
            Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
