package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A background job (bulk operations) and its per-item results. Unknown fields are kept; only set fields are sent. */
public class JobStatus extends ZendeskObject {

    /** Job ids are strings ({@code "8b726e606741012ffc2d782bcb7848fe"}), not numbers: use {@link #getJobId()}. */
    @Override
    public Long getId() {
        Object id = get("id");
        return id instanceof Number n ? n.longValue() : null;
    }

    /** The job's id, as Zendesk gives it (a hex string). */
    public String getJobId() {
        Object id = get("id");
        return id == null ? null : id.toString();
    }

    public String getStatus() {
        return getString("status");
    }

    public JobStatus setStatus(String value) {
        set("status", value);
        return this;
    }

    public Long getTotal() {
        return getLong("total");
    }

    public JobStatus setTotal(Long value) {
        set("total", value);
        return this;
    }

    public Long getProgress() {
        return getLong("progress");
    }

    public JobStatus setProgress(Long value) {
        set("progress", value);
        return this;
    }

    public String getMessage() {
        return getString("message");
    }

    public JobStatus setMessage(String value) {
        set("message", value);
        return this;
    }

    /** Per-item results: {index, id, action, status, success, error, details}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getResults() {
        return (List<Map<String, Object>>) get("results");
    }
}
