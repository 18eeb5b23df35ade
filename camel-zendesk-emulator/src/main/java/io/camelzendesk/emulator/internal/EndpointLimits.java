package io.camelzendesk.emulator.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Zendesk's endpoint limits, on top of the account's budget (when {@code Settings.endpointLimits} is on): ticket
 * updates 100 per minute per account and 30 per 10 minutes per ticket per user; user updates 5 per minute per user
 * profile ("you can make 10 calls per second as long as you make five calls for one user and five calls for another
 * user": no account-wide user limit); organization updates 5 per minute per organization; ticket field updates 75 per
 * minute. Each is a sliding window. Where Zendesk sends a {@code Zendesk-RateLimit-<name>} header (the account-wide
 * part of tickets-update, ticket-fields-update) the answer carries it; a refused request gets 429
 * with {@code Retry-After} and, for organizations, Zendesk's {@code TooManyRequests} body. Refusals are counted per
 * limit (the scope's name, e.g. {@code tickets-update/ticket}) for tests and benchmarks.
 */
public final class EndpointLimits {

    /** One limit: at most {@code limit} requests per {@code windowMillis}, per account or per object. */
    record Limit(String name, String method, String template, int limit, long windowMillis, boolean perObject,
                 boolean header) {
    }

    static final List<Limit> TABLE = List.of(
            new Limit("tickets-update", "PUT", "/api/v2/tickets/{id}", 100, 60_000, false, true),
            new Limit("tickets-update/ticket", "PUT", "/api/v2/tickets/{id}", 30, 600_000, true, false),
            new Limit("create-update-user/user", "PUT", "/api/v2/users/{id}", 5, 60_000, true, false),
            new Limit("organizations-update/organization", "PUT", "/api/v2/organizations/{id}", 5, 60_000, true, false),
            new Limit("ticket-fields-update", "PUT", "/api/v2/ticket_fields/{id}", 75, 60_000, false, true));

    /** What the request may do: refused (with the seconds to wait) or allowed, and the headers to answer. */
    public record Decision(String refusedBy, long retryAfterSeconds, Map<String, String> headers) {
        public boolean refused() {
            return refusedBy != null;
        }
    }

    private static final Decision NONE = new Decision(null, 0, Map.of());

    private final Core core;
    private final Map<String, Deque<Long>> windows = new HashMap<>();
    private final Map<String, Integer> refusals = new TreeMap<>();

    EndpointLimits(Core core) {
        this.core = core;
    }

    /** Counts the request on every limit of its endpoint, or refuses it when one is used up (counting nothing). */
    public synchronized Decision acquire(Req req) {
        if (!core.settings.endpointLimits) {
            return NONE;
        }
        String template = template(req.path);
        String id = template.endsWith("{id}") ? lastSegment(req.path) : null;
        long now = core.now();
        Map<String, String> headers = new HashMap<>();
        String refusedBy = null;
        long wait = 0;
        List<Limit> matching = TABLE.stream()
                .filter(l -> l.method().equals(req.method) && l.template().equals(template)).toList();
        for (Limit l : matching) {
            Deque<Long> w = window(l, id, req.actorId, now);
            if (w.size() >= l.limit()) {
                refusedBy = refusedBy == null ? l.name() : refusedBy;
                wait = Math.max(wait, (w.peekFirst() + l.windowMillis() - now + 999) / 1000);
            }
        }
        for (Limit l : matching) {
            Deque<Long> w = window(l, id, req.actorId, now);
            if (refusedBy == null) {
                w.addLast(now);
            }
            if (l.header()) {
                long resets = w.isEmpty() ? 0 : (w.peekFirst() + l.windowMillis() - now + 999) / 1000;
                headers.put("zendesk-ratelimit-" + l.name(), "total=" + l.limit() + "; remaining="
                        + Math.max(0, l.limit() - w.size()) + "; resets=" + Math.max(resets, 1));
            }
        }
        if (refusedBy != null) {
            refusals.merge(refusedBy, 1, Integer::sum);
            return new Decision(refusedBy, Math.max(1, wait), headers);
        }
        return new Decision(null, 0, headers);
    }

    /** Requests refused per limit since the last reset. */
    public synchronized Map<String, Integer> refusals() {
        return new TreeMap<>(refusals);
    }

    public synchronized void reset() {
        windows.clear();
        refusals.clear();
    }

    private Deque<Long> window(Limit l, String id, long actor, long now) {
        String key = l.perObject() ? l.name() + "#" + actor + "#" + id : l.name();
        Deque<Long> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!w.isEmpty() && now - w.peekFirst() >= l.windowMillis()) {
            w.removeFirst();
        }
        return w;
    }

    static String template(String path) {
        String p = path.endsWith(".json") ? path.substring(0, path.length() - 5) : path;
        return p.replaceAll("/\\d+(?=/|$)", "/{id}");
    }

    private static String lastSegment(String path) {
        String p = path.endsWith(".json") ? path.substring(0, path.length() - 5) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
