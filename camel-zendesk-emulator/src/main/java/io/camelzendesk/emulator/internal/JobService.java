package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Background jobs of the bulk endpoints: queued -> working -> completed, with per-item results. */
public final class JobService {
    private static final System.Logger LOG = System.getLogger(JobService.class.getName());

    /** One item of a job: its action ("create", "update", "delete") and the work (returns the result fields). */
    public record Task(String action, Supplier<ObjectNode> work) {
    }

    private final Core core;
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final ScheduledExecutorService worker;

    JobService(Core core) {
        this.core = core;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zendesk-emulator-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    void close() {
        worker.shutdownNow();
    }

    void clear() {
        synchronized (jobs) {
            jobs.clear();
        }
    }

    public ObjectNode submit(String jobType, List<Task> tasks) {
        String id = UUID.randomUUID().toString().replace("-", "");
        ObjectNode job = Json.obj("id", id, "url", core.url("/api/v2/job_statuses/" + id + ".json"), "total", tasks.size(),
                "progress", null, "status", "queued", "message", null, "results", null, "job_type", jobType);
        put(job);
        long step = core.settings.jobStepDelay.toMillis();
        worker.schedule(() -> run(id, tasks), step, TimeUnit.MILLISECONDS);
        return job.deepCopy();
    }

    private void run(String id, List<Task> tasks) {
        ObjectNode job = get(id);
        if (job == null) {
            return;
        }
        job.put("status", "working");
        job.put("progress", 0);
        put(job);
        try {
            Thread.sleep(core.settings.jobStepDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ArrayNode results = Json.arr();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            ObjectNode r = Json.obj("index", i);
            try {
                r.setAll(t.work().get());
                if (!r.has("action")) {
                    r.put("action", t.action());
                }
                r.put("success", true);
                if (!r.has("status")) {
                    r.put("status", switch (t.action()) {
                        case "create" -> "Created";
                        case "delete" -> "Deleted";
                        default -> "Updated";
                    });
                }
            } catch (ApiError e) {
                r.put("action", t.action());
                r.put("success", false);
                r.put("status", "Failed");
                r.put("error", e.body().path("error").asText());
                r.put("details", detailsText(e.body()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job item failed", e);
                r.put("action", t.action());
                r.put("success", false);
                r.put("status", "Failed");
                r.put("error", "InternalError");
                r.put("details", String.valueOf(e.getMessage()));
            }
            results.add(r);
            ObjectNode progress = get(id);
            if (progress != null) {
                progress.put("progress", i + 1);
                put(progress);
            }
        }
        ObjectNode done = get(id);
        if (done == null) {
            return;
        }
        done.put("status", "completed");
        done.put("progress", tasks.size());
        done.put("message", "Completed at " + Times.iso(core.now()));
        done.set("results", results);
        put(done);
    }

    private static String detailsText(ObjectNode body) {
        if (body.has("details")) {
            List<String> parts = new ArrayList<>();
            body.get("details").fields().forEachRemaining(f -> f.getValue().forEach(d -> parts.add(d.path("description").asText())));
            return String.join("; ", parts);
        }
        return body.path("description").asText(null);
    }

    private void put(ObjectNode job) {
        synchronized (jobs) {
            jobs.put(job.get("id").asText(), job.deepCopy());
        }
    }

    /** A copy of the job, or null. */
    public ObjectNode get(String id) {
        synchronized (jobs) {
            ObjectNode j = jobs.get(id);
            return j == null ? null : j.deepCopy();
        }
    }

    public List<ObjectNode> all() {
        synchronized (jobs) {
            List<ObjectNode> out = new ArrayList<>();
            jobs.values().forEach(j -> out.add(j.deepCopy()));
            return out;
        }
    }
}
