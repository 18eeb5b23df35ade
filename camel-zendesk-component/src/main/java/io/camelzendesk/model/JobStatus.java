package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A background job (bulk operations) and its per-item results. Unknown fields are kept; only set fields are sent. */
public class JobStatus extends ZendeskObject {

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
