package io.camelzendesk.emulator.bench;

import io.camelzendesk.emulator.ZendeskEmulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many 1,000-ticket incremental export pages per second the emulator serves.
 * <p>In-process (client and server share the JVM):
 * <pre>java -XX:ActiveProcessorCount=1 -cp ... io.camelzendesk.emulator.bench.IncrementalPagesBenchmark [seconds] [tickets]</pre>
 * Against a separate emulator pinned to one core:
 * <pre>taskset -c 0 java -jar target/camel-zendesk-emulator-*-runnable.jar --port 8089 --seed 10000 --rpm 0 --incremental-rpm 0 --recent-exclusion-seconds 0
 * taskset -c 1 java -cp ... io.camelzendesk.emulator.bench.IncrementalPagesBenchmark 20 0 http://127.0.0.1:8089</pre>
 * Each request is a cursor-based page ({@code per_page=1000}) of seeded, realistic tickets; the client reads
 * the body as bytes and only extracts the next cursor. Pages/s = pages / elapsed seconds, after a warm-up.
 */
public final class IncrementalPagesBenchmark {
    private static final Pattern AFTER = Pattern.compile("\"after_cursor\":\"([^\"]+)\"");
    private static final Pattern EOS = Pattern.compile("\"end_of_stream\":(true|false)");

    private IncrementalPagesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String external = args.length > 2 ? args[2] : null;
        ZendeskEmulator zd = null;
        String base = external;
        if (base == null) {
            zd = ZendeskEmulator.builder().seed(tickets).requestsPerMinute(0).incrementalRequestsPerMinute(0)
                    .recentExclusion(Duration.ZERO).build();
            base = zd.start();
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((ZendeskEmulator.ADMIN_EMAIL + "/token:" + ZendeskEmulator.API_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            run(client, base, auth, 5, "warm-up");
            double pagesPerSecond = run(client, base, auth, seconds, "measured");
            System.out.printf("RESULT: %.1f pages/s (1,000 tickets per page), %d cores visible%n", pagesPerSecond,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            if (zd != null) {
                zd.close();
            }
        }
    }

    private static double run(HttpClient client, String base, String auth, int seconds, String label) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long pages = 0;
        long bytes = 0;
        long tickets = 0;
        String cursor = null;
        while (System.nanoTime() < end) {
            String url = base + (cursor == null ? "/api/v2/incremental/tickets/cursor.json?per_page=1000&start_time=0"
                    : "/api/v2/incremental/tickets/cursor.json?per_page=1000&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            byte[] body = r.body();
            bytes += body.length;
            String tail = new String(body, Math.max(0, body.length - 2048), Math.min(2048, body.length), StandardCharsets.UTF_8);
            Matcher eos = EOS.matcher(tail);
            Matcher after = AFTER.matcher(tail);
            boolean endOfStream = eos.find() && eos.group(1).equals("true");
            boolean full = body.length > 500_000;
            if (full) {
                pages++;
                tickets += 1000;
            }
            cursor = endOfStream || !after.find() ? null : after.group(1);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d full pages in %.1f s = %.1f pages/s, %.1f MB/s, %d tickets%n", label, pages, secs, pages / secs,
                bytes / secs / 1e6, tickets);
        return pages / secs;
    }
}
