package io.camelzendesk.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.camelzendesk.client.FieldReader;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.JobStatus;

/**
 * Background jobs ({@code /api/v2/job_statuses}): a job's status, and the bulk calls' way of running one job per
 * 100 items, each followed until it ends or the view's job timeout ({@link ZendeskApi#withJobTimeout}) passes.
 */
public final class JobsApi {

    static final FieldReader<JobStatus> JOB_STATUS = new FieldReader<>("job_status", JobStatus.class);

    private final ZendeskClient client;
    private final BulkOperations bulk;

    JobsApi(ZendeskClient client, Duration timeout) {
        this.client = client;
        this.bulk = new BulkOperations(client, timeout);
    }

    public CompletableFuture<ZendeskResponse<JobStatus>> status(String jobId) {
        return client.send(statusRequest(jobId), JOB_STATUS);
    }

    /**
     * Sends the items in chunks of at most 100 (Zendesk's limit), one job after another, and gathers the per-item
     * results with their index in {@code items}. The requests are built by the caller: bulk calls are never repeated
     * (each would start a new job).
     */
    public <I> CompletableFuture<BulkResult> run(List<I> items, Function<List<I>, ZendeskRequest> requestForChunk) {
        return bulk.run(items, requestForChunk);
    }

    static ZendeskRequest statusRequest(Object jobId) {
        return ZendeskRequest.get("/api/v2/job_statuses/" + ZendeskClient.encode(String.valueOf(jobId))).build();
    }
}
