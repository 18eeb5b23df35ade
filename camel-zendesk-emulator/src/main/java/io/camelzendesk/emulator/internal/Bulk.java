package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bulk endpoints (create_many, update_many, destroy_many, ...) share: the items or ids of the request
 * (at most 100) and the background job that works through them, one task an item.
 */
final class Bulk {
    private static final int MAX_BULK = 100;
    private final Core core;

    Bulk(Core core) {
        this.core = core;
    }

    /** The work of one item: its result fields. */
    @FunctionalInterface
    interface ItemWork {
        ObjectNode apply(ObjectNode item, long actorId);
    }

    /** Updates one record; returns it as updated. */
    @FunctionalInterface
    interface Updater {
        ObjectNode update(long id, ObjectNode changes, long actorId);
    }

    /** Deletes one record. */
    @FunctionalInterface
    interface Deleter {
        void delete(long id, long actorId);
    }

    /** A job of one task for each object of the request's {@code plural} array. */
    Resp perItem(Req req, String plural, String action, String jobType, ItemWork work) {
        long actor = req.actorId;
        List<JobService.Task> tasks = new ArrayList<>();
        for (ObjectNode item : items(req, plural)) {
            tasks.add(new JobService.Task(action, () -> work.apply(item, actor)));
        }
        return job(jobType, tasks);
    }

    /** update_many: one change for all of {@code ?ids=}, or else a list of objects that carry their ids. */
    Resp update(Req req, String singular, String plural, Updater updater) {
        List<Long> ids = req.ids("ids");
        if (ids.isEmpty()) {
            return perItem(req, plural, "update", "bulk_update_job", (item, actor) -> {
                Long id = Json.longOrNull(item, "id");
                if (id == null) {
                    throw ApiError.notFound();
                }
                return Json.obj("id", updater.update(id, item, actor).get("id").asLong());
            });
        }
        checkBulk(ids.size());
        long actor = req.actorId;
        ObjectNode changes = req.envelope(singular);
        List<JobService.Task> tasks = new ArrayList<>();
        for (Long id : ids) {
            tasks.add(new JobService.Task("update", () -> Json.obj("id", updater.update(id, changes, actor).get("id").asLong())));
        }
        return job("bulk_update_job", tasks);
    }

    /** destroy_many: deletes each of {@code ?ids=}. */
    Resp delete(Req req, Deleter deleter) {
        List<Long> ids = req.ids("ids");
        checkBulk(ids.size());
        long actor = req.actorId;
        List<JobService.Task> tasks = new ArrayList<>();
        for (Long id : ids) {
            tasks.add(new JobService.Task("delete", () -> {
                deleter.delete(id, actor);
                return Json.obj("id", id);
            }));
        }
        return job("bulk_delete_job", tasks);
    }

    private static void checkBulk(int n) {
        if (n > MAX_BULK) {
            throw ApiError.badRequest("TooManyValues", "Too many values specified: " + n + " (at most " + MAX_BULK + " are allowed)");
        }
        if (n == 0) {
            throw ApiError.badRequest("InvalidValue", "No items specified");
        }
    }

    private static List<ObjectNode> items(Req req, String plural) {
        JsonNode arr = req.json().get(plural);
        if (arr == null || !arr.isArray()) {
            throw ApiError.badRequest("InvalidParameter", "Parameter " + plural + " is required and must be an array");
        }
        List<ObjectNode> out = new ArrayList<>();
        arr.forEach(n -> {
            if (!n.isObject()) {
                throw ApiError.badRequest("InvalidParameter", plural + " must contain objects");
            }
            out.add((ObjectNode) n);
        });
        checkBulk(out.size());
        return out;
    }

    private Resp job(String type, List<JobService.Task> tasks) {
        return Resp.ok(Json.obj("job_status", core.jobs.submit(type, tasks)));
    }
}
