package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;

/** Routes of the Attachments API: uploads (tokens), attachments, and the attachments' content. */
final class UploadsApi {
    private final Core core;

    UploadsApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        r.post("/api/v2/uploads", req -> {
            String filename = req.q("filename");
            if (filename == null || filename.isBlank()) {
                throw ApiError.badRequest("InvalidValue", "filename is required");
            }
            String existing = req.q("token");
            String contentType = req.header("Content-Type") == null ? "application/binary" : req.header("Content-Type");
            return core.db.write(() -> {
                String token = existing;
                if (token == null || !core.db.uploads.containsKey(token)) {
                    token = Long.toString(Math.abs(java.util.UUID.randomUUID().getMostSignificantBits()), 36);
                    core.db.uploads.put(token, new ArrayList<>());
                }
                long aid = core.db.t(Db.ATTACHMENTS).nextId();
                String contentUrl = core.url("/attachments/download/" + aid + "/" + Paging.enc(filename));
                ObjectNode att = Json.obj("id", aid, "url", core.url("/api/v2/attachments/" + aid + ".json"), "file_name", filename,
                        "content_url", contentUrl, "mapped_content_url", contentUrl, "content_type", contentType.split(";")[0].trim(),
                        "size", req.body.length, "width", null, "height", null, "inline", false, "deleted", false,
                        "malware_access_override", false, "malware_scan_result", "malware_not_found", "thumbnails", Json.arr());
                core.db.t(Db.ATTACHMENTS).put(new Entity(aid, att, 0, core.now()));
                core.db.attachmentBytes.put(aid, req.body);
                core.db.uploads.get(token).add(aid);
                ArrayNode all = Json.arr();
                for (Long id : core.db.uploads.get(token)) {
                    all.add(core.db.t(Db.ATTACHMENTS).get(id).json);
                }
                return Resp.created(Json.obj("upload", Json.obj("token", token,
                        "expires_at", Times.iso(core.now() + 3 * 86_400_000L), "attachments", all, "attachment", att)));
            });
        });
        r.delete("/api/v2/uploads/{token}", req -> core.db.write(() -> {
            if (core.db.uploads.remove(req.params.get("token")) == null) {
                throw ApiError.notFound();
            }
            return Resp.noContent();
        }));
        r.get("/api/v2/attachments/{id}", req -> core.db.read(() -> {
            Entity a = core.db.t(Db.ATTACHMENTS).get(req.id("id"));
            if (a == null) {
                throw ApiError.notFound();
            }
            return Resp.ok(Json.obj("attachment", a.json));
        }));
    }

    /** Attachment bytes (no auth, like Zendesk's signed content URLs). */
    Resp download(long id) {
        return core.db.read(() -> {
            Entity a = core.db.t(Db.ATTACHMENTS).get(id);
            byte[] b = core.db.attachmentBytes.get(id);
            if (a == null || b == null) {
                throw ApiError.notFound();
            }
            return Resp.raw(200, b, Json.text(a.json, "content_type"));
        });
    }
}
