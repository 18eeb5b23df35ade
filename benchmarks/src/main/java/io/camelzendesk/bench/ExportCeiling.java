package io.camelzendesk.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * What this machine allows for the export workload with no Camel and no component: the same {@link BenchServer}
 * pages, fetched with the JDK HttpClient one page ahead (as the consumer does), each ticket decoded by Jackson into
 * a {@code LinkedHashMap} ({@code --decode map}, the cheapest full decode) or only tokenized
 * ({@code --decode tokens}), in one pass (the next cursor is found by a byte search in the page's tail). A ceiling to read our
 * {@link ExportBenchmark} figures against; run it in the same minutes.
 */
public final class ExportCeiling {

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        int tickets = o.integer("tickets", 200_000);
        int runs = o.integer("runs", 3);
        int warmup = o.integer("warmup", 1);
        String[] modes = o.string("decode", "tokens,map").split(",");
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        ObjectReader mapReader = json.readerFor(LinkedHashMap.class);
        try (ServerProcess server = new ServerProcess("--tickets", String.valueOf(tickets))) {
            for (String mode : modes) {
                double[] rates = new double[runs];
                for (int i = -warmup; i < runs; i++) {
                    long start = System.nanoTime();
                    long records = export(http, json, mapReader, server.baseUrl, mode);
                    double rate = records / ((System.nanoTime() - start) / 1e9);
                    if (records != tickets) {
                        throw new IllegalStateException("got " + records + " records, expected " + tickets);
                    }
                    if (i >= 0) {
                        rates[i] = rate;
                    }
                }
                double[] sorted = rates.clone();
                Arrays.sort(sorted);
                System.out.printf("ceiling decode=%s records_per_s_median=%.0f runs=%s%n", mode, sorted[runs / 2],
                        Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
            }
        }
        System.exit(0);
    }

    /** One export of every page from {@code base}; returns the records decoded. */
    static long export(HttpClient http, ObjectMapper json, ObjectReader mapReader, String base, String mode)
            throws Exception {
        String first = base + "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000";
        CompletableFuture<HttpResponse<byte[]>> next = fetch(http, first);
        long records = 0;
        while (next != null) {
            byte[] page = next.get().body();
            // the cursor first, so the next page is on its way while this one is decoded: found by a byte search
            // in the page's tail (BenchServer writes it after the items), the least work any client can do
            String tail = new String(page, Math.max(0, page.length - 1024), Math.min(1024, page.length),
                    StandardCharsets.UTF_8);
            boolean end = tail.contains("\"end_of_stream\":true");
            int at = tail.indexOf("\"after_cursor\":\"");
            String after = at < 0 ? null : tail.substring(at + 16, tail.indexOf('"', at + 16));
            next = end || after == null ? null : fetch(http, base + "/api/v2/incremental/tickets/cursor.json?cursor="
                                                            + URLEncoder.encode(after, StandardCharsets.UTF_8));
            records += decode(json, mapReader, page, mode);
        }
        return records;
    }

    private static long decode(ObjectMapper json, ObjectReader mapReader, byte[] page, String mode) throws Exception {
        long n = 0;
        try (JsonParser p = json.createParser(page)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("tickets")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    if (mode.equals("map")) {
                        LinkedHashMap<?, ?> ticket = mapReader.readValue(p);
                        n += ticket.isEmpty() ? 0 : 1;
                    } else {
                        p.skipChildren();
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static CompletableFuture<HttpResponse<byte[]>> fetch(HttpClient http, String url) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer t").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
