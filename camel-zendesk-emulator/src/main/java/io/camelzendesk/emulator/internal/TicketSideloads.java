package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Side-loads: the users, groups and organizations that tickets (or comments) refer to, for ?include=. */
final class TicketSideloads {
    private final Core core;

    TicketSideloads(Core core) {
        this.core = core;
    }

    /** Arrays to add next to the tickets for ?include=users,groups,organizations. */
    void sideload(ObjectNode out, Collection<? extends JsonNode> tickets, List<String> include) {
        if (include.isEmpty()) {
            return;
        }
        core.db.read(() -> {
            Set<Long> users = new LinkedHashSet<>();
            Set<Long> groups = new LinkedHashSet<>();
            Set<Long> orgs = new LinkedHashSet<>();
            for (JsonNode t : tickets) {
                for (String f : List.of("requester_id", "submitter_id", "assignee_id", "author_id")) {
                    if (t.hasNonNull(f)) {
                        users.add(t.get(f).asLong());
                    }
                }
                users.addAll(Json.longs(t.get("collaborator_ids")));
                if (t.hasNonNull("group_id")) {
                    groups.add(t.get("group_id").asLong());
                }
                if (t.hasNonNull("organization_id")) {
                    orgs.add(t.get("organization_id").asLong());
                }
            }
            if (include.contains("users")) {
                out.set("users", collect(Db.USERS, users));
            }
            if (include.contains("groups")) {
                out.set("groups", collect(Db.GROUPS, groups));
            }
            if (include.contains("organizations")) {
                out.set("organizations", collect(Db.ORGANIZATIONS, orgs));
            }
            return null;
        });
    }

    private ArrayNode collect(String table, Set<Long> ids) {
        ArrayNode a = Json.arr();
        Table t = core.db.t(table);
        for (Long id : ids) {
            Entity e = t.get(id);
            if (e != null) {
                a.add(e.json);
            }
        }
        return a;
    }
}
