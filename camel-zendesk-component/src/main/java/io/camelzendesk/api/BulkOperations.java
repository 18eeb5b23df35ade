package io.camelzendesk.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.JobStatus;

/**
 * Bulk operations: any list is split into requests of at most 100 items (Zendesk's limit), sent one after another,
 * each job status followed until it ends (with a growing, bounded delay), and the per-item results gathered with
 * their index in the original list.
 */
final class BulkOperations {

    static final int MAX_ITEMS = 100;
    private static final Duration FIRST_POLL = Duration.ofMillis(250);
    private static final Duration MAX_POLL = Duration.ofSeconds(5);

    private final ZendeskClient client;
    private final Duration timeout;

    BulkOperations(ZendeskClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    <T> CompletableFuture<BulkResult> run(List<T> items, Function<List<T>, ZendeskRequest> requestForChunk) {
        if (items.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("The bulk operation got no items"));
        }
        List<BulkResult.Item> results = new ArrayList<>();
        List<JobStatus> jobs = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int offset = 0; offset < items.size(); offset += MAX_ITEMS) {
            int from = offset;
            List<T> chunk = items.subList(from, Math.min(items.size(), from + MAX_ITEMS));
            chain = chain.thenCompose(v -> client.send(requestForChunk.apply(chunk),
                    JobsApi.JOB_STATUS))
                    .thenCompose(r -> follow(r.body(), deadline, FIRST_POLL))
                    .thenAccept(job -> {
                        jobs.add(job);
                        results.addAll(items(job, from, chunk.size()));
                    });
        }
        return chain.thenApply(v -> new BulkResult(List.copyOf(results), List.copyOf(jobs)));
    }

    private CompletableFuture<JobStatus> follow(JobStatus job, long deadline, Duration delay) {
        if (job == null || job.get("id") == null) {
            return CompletableFuture.failedFuture(new ZendeskException("Zendesk returned no job_status"));
        }
        String status = job.getStatus();
        if ("completed".equals(status) || "failed".equals(status) || "killed".equals(status)) {
            return CompletableFuture.completedFuture(job);
        }
        if (System.nanoTime() + delay.toNanos() - deadline > 0) {
            return CompletableFuture.failedFuture(new ZendeskException("Job " + job.get("id") + " still " + status
                                                                       + " after the bulkJobTimeout of "
                                                                       + timeout.toSeconds() + " s"));
        }
        Duration nextDelay = delay.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : delay.multipliedBy(2);
        return client.config().sleeper().sleep(delay)
                .thenCompose(v -> client.send(JobsApi.statusRequest(job.get("id")), JobsApi.JOB_STATUS))
                .thenCompose(r -> follow(r.body(), deadline, nextDelay));
    }

    private static List<BulkResult.Item> items(JobStatus job, int offset, int size) {
        List<BulkResult.Item> out = new ArrayList<>();
        List<Map<String, Object>> results = job.getResults();
        if (!"completed".equals(job.getStatus())) {
            // the job as a whole failed: no item is known to be done
            for (int i = 0; i < size; i++) {
                out.add(new BulkResult.Item(offset + i, null, null, job.getStatus(), false, "Job" + job.getStatus(),
                        job.getMessage(), Map.of()));
            }
            return out;
        }
        if (results == null) {
            return out;
        }
        for (int i = 0; i < results.size(); i++) {
            Map<String, Object> r = results.get(i);
            int index = r.get("index") instanceof Number n ? n.intValue() : i;
            String status = r.get("status") == null ? null : r.get("status").toString();
            String error = r.get("error") == null ? null : r.get("error").toString();
            boolean success = r.get("success") instanceof Boolean b ? b
                    : error == null && !"Failed".equalsIgnoreCase(status);
            Long id = r.get("id") instanceof Number n ? n.longValue() : null;
            out.add(new BulkResult.Item(offset + index, id, r.get("action") == null ? null : r.get("action").toString(),
                    status, success, error, r.get("details") == null ? null : r.get("details").toString(), r));
        }
        return out;
    }
}
