package io.camelzendesk.emulator.internal;

import java.util.function.Supplier;

/** Ticket creates under an Idempotency-Key. */
final class TicketIdempotency {
    private final Core core;

    TicketIdempotency(Core core) {
        this.core = core;
    }

    /**
     * Runs a ticket create under an Idempotency-Key: same key + same body replays the first response
     * (x-idempotency-lookup: hit); same key + other body is a 400.
     */
    Resp run(String key, String bodyHash, Supplier<Resp> create) {
        return core.db.write(() -> {
            long now = core.now();
            core.db.idempotency.values().removeIf(i -> now - i.createdMillis() > 2 * 3600_000L);
            Db.Idempotent prior = core.db.idempotency.get(key);
            if (prior != null) {
                if (!prior.bodyHash().equals(bodyHash)) {
                    throw ApiError.badRequest("IdempotentRequestError",
                            "The idempotency key was already used with different request parameters");
                }
                return Resp.raw(prior.status(), prior.body(), "application/json; charset=utf-8").header("x-idempotency-lookup", "hit");
            }
            Resp r = create.get();
            core.db.idempotency.put(key, new Db.Idempotent(bodyHash, r.status, r.body, now));
            return r.header("x-idempotency-lookup", "miss");
        });
    }
}
