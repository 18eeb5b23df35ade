package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Routes of the Job Statuses API (the jobs of {@link JobService}). */
final class JobsApi {
    private final Core core;

    JobsApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        r.get("/api/v2/job_statuses", req -> {
            List<ObjectNode> all = core.jobs.all();
            ArrayNode a = Json.arr();
            all.forEach(a::add);
            return Resp.ok(Json.obj("job_statuses", a));
        });
        r.get("/api/v2/job_statuses/show_many", req -> {
            ArrayNode a = Json.arr();
            for (String id : req.csv("ids")) {
                ObjectNode j = core.jobs.get(id);
                if (j != null) {
                    a.add(j);
                }
            }
            return Resp.ok(Json.obj("job_statuses", a));
        });
        r.get("/api/v2/job_statuses/{id}", req -> {
            ObjectNode j = core.jobs.get(req.params.get("id"));
            if (j == null) {
                throw ApiError.notFound();
            }
            return Resp.ok(Json.obj("job_status", j));
        });
    }
}
