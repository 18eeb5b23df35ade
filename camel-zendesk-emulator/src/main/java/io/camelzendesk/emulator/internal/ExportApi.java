package io.camelzendesk.emulator.internal;

/** Routes of the incremental exports. */
final class ExportApi {
    private final Core core;

    ExportApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        for (String res : new String[]{"tickets", "users", "organizations", "ticket_events"}) {
            r.get("/api/v2/incremental/" + res, req -> core.export.timeBased(res, req));
        }
        r.get("/api/v2/incremental/tickets/cursor", req -> core.export.cursorBased("tickets", req));
        r.get("/api/v2/incremental/users/cursor", req -> core.export.cursorBased("users", req));
        r.get("/api/v2/help_center/incremental/articles", req -> core.export.timeBased("articles", req));
    }
}
