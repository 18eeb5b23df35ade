package io.camelzendesk.model;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a bulk operation split into jobs of at most 100 items: one entry per item, with the index in the
 * list the route gave (not the index within a job).
 *
 * @param items per-item results
 * @param jobs  the finished job statuses
 */
public record BulkResult(List<Item> items, List<JobStatus> jobs) {

    /**
     * One item's result.
     *
     * @param index   position in the list the route gave
     * @param id      the object's id (when Zendesk gave one)
     * @param action  what was done (create, update, ...)
     * @param status  Zendesk's item status (Created, Updated, Failed, ...)
     * @param success whether the item succeeded
     * @param error   Zendesk's error for a failed item, or null
     * @param details Zendesk's details for a failed item, or null
     * @param raw     the item result as Zendesk sent it
     */
    public record Item(int index, Long id, String action, String status, boolean success, String error,
            String details, Map<String, Object> raw) {
    }

    public List<Item> failures() {
        return items.stream().filter(i -> !i.success()).toList();
    }

    public boolean hasFailures() {
        return items.stream().anyMatch(i -> !i.success());
    }
}
