package io.camelzendesk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * Export pacing under Zendesk's real budget: a {@link BenchServer} (own JVM) enforcing {@code --rpm} (10) export
 * requests per minute with 429 + Retry-After, an export of {@code --pages} (5) pages of 1,000 tickets, and the
 * component at its DEFAULT pacing (no incrementalRequestsPerMinute). Prints the wall time from the first export
 * request to the last record against the rate-limit minimum ((pages - 1) x 60 / rpm seconds), the requests made,
 * the spacing between them and the 429s the server sent.
 */
public final class ExportPacingBenchmark {

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        int pages = o.integer("pages", 5);
        int rpm = o.integer("rpm", 10);
        int tickets = pages * 1000;
        try (ServerProcess server = new ServerProcess("--tickets", String.valueOf(tickets), "--export-rpm",
                String.valueOf(rpm))) {
            String uri = "zendesk:tickets?baseUrl=" + server.baseUrl + "&oauthToken=t&startTime=0&stateInMemory=true"
                         + o.string("uri-extra", "");
            CountingExport export = new CountingExport(uri, tickets);
            double minimum = (pages - 1) * 60.0 / rpm;
            boolean complete = export.await((long) (minimum * 3 + 120), TimeUnit.SECONDS);
            var stats = server.stats();
            export.close();
            long first = ((Number) stats.get("first_export_ms")).longValue();
            List<String> gaps = new ArrayList<>();
            long previous = first;
            for (Object t : (List<?>) stats.get("export_times_ms")) {
                long ms = ((Number) t).longValue();
                if (ms != first) {
                    gaps.add(String.format("%.2f", (ms - previous) / 1000.0));
                }
                previous = ms;
            }
            if (!complete) {
                System.out.printf("pacing INCOMPLETE: %d of %d records, 429s=%s, requests=%s%n", export.count(), tickets,
                        stats.get("rate_limited"), stats.get("export_requests"));
            } else {
                double wall = (export.reachedMs() - first) / 1000.0;
                System.out.printf("pacing pages=%d rpm=%d wall_s=%.2f minimum_s=%.1f over_minimum=%+.1f%%"
                                  + " requests=%s rate_limited_429=%s gaps_s=%s%n", pages, rpm, wall, minimum,
                        100 * (wall - minimum) / minimum, stats.get("export_requests"), stats.get("rate_limited"),
                        gaps);
            }
        }
        System.exit(0);
    }
}
