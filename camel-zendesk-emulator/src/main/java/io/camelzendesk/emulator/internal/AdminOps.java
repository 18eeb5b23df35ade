package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Admin operations shared by the Java handle and the HTTP admin API. Changes are made "as an agent would". */
public final class AdminOps {
    private final Core core;

    public AdminOps(Core core) {
        this.core = core;
    }

    private static String table(String resource) {
        return switch (resource) {
            case "tickets", "users", "organizations", "groups", "ticket_fields", "macros", "triggers", "categories",
                 "sections", "articles", "ticket_events", "permission_groups", "attachments" -> resource;
            case "audits" -> Db.TICKET_EVENTS;
            default -> throw ApiError.badRequest("InvalidValue", "Unknown resource " + resource);
        };
    }

    /** Every stored object of a resource (deleted ones included for tickets/users/orgs exports), as copies. */
    public List<ObjectNode> list(String resource) {
        if (resource.equals("webhooks")) {
            return core.webhooks.list(null, null);
        }
        String t = table(resource);
        return core.db.read(() -> {
            List<ObjectNode> out = new ArrayList<>();
            for (Entity e : core.db.t(t).all()) {
                if (!e.deleted) {
                    out.add(e.json.deepCopy());
                }
            }
            return out;
        });
    }

    public ObjectNode get(String resource, String id) {
        if (resource.equals("webhooks")) {
            try {
                return core.webhooks.get(id);
            } catch (ApiError e) {
                return null;
            }
        }
        String t = table(resource);
        long lid;
        try {
            lid = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
        return core.db.read(() -> {
            Entity e = core.db.t(t).live(lid);
            return e == null ? null : e.json.deepCopy();
        });
    }

    public ObjectNode create(String resource, ObjectNode in) {
        if (resource.equals("tickets")) {
            return core.tickets.create(in, core.adminId(), "web").ticket().deepCopy();
        }
        if (resource.equals("webhooks")) {
            return core.webhooks.create(in, core.adminId());
        }
        return core.resources.create(table(resource), in, core.adminId()).deepCopy();
    }

    public ObjectNode update(String resource, long id, ObjectNode in) {
        if (resource.equals("tickets")) {
            return core.tickets.update(id, in, core.adminId(), "web").ticket().deepCopy();
        }
        return core.resources.update(table(resource), id, in, core.adminId()).deepCopy();
    }

    public void delete(String resource, long id) {
        if (resource.equals("tickets")) {
            core.tickets.delete(id, core.adminId());
        } else {
            core.resources.delete(table(resource), id);
        }
    }

    public List<Long> bulkTickets(int count, long firstMillis, long stepMillis, String subjectPrefix) {
        if (count < 0 || count > 1_000_000) {
            throw ApiError.badRequest("InvalidValue", "count must be between 0 and 1000000");
        }
        return core.db.write(() -> core.seeder.bulkTickets(count, firstMillis, stepMillis, subjectPrefix));
    }

    /** Live tickets whose subject starts with the prefix, counted by subject (a count above 1 is a duplicate). */
    public Map<String, Integer> ticketCountsBySubject(String subjectPrefix) {
        String prefix = subjectPrefix == null ? "" : subjectPrefix;
        return core.db.read(() -> {
            Map<String, Integer> counts = new TreeMap<>();
            for (Entity e : core.db.t(Db.TICKETS).all()) {
                String subject = e.json.path("subject").asText(null);
                if (!e.deleted && subject != null && subject.startsWith(prefix)) {
                    counts.merge(subject, 1, Integer::sum);
                }
            }
            return counts;
        });
    }

    /** A ticket's comments counted by body (a count above 1 is a comment added twice); 404 for an unknown ticket. */
    public Map<String, Integer> commentCountsByBody(long ticketId) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ObjectNode c : core.tickets.comments(ticketId)) {
            counts.merge(c.path("body").asText(""), 1, Integer::sum);
        }
        return counts;
    }
}
