package io.camelzendesk.component.export;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelzendesk.client.Page;
import io.camelzendesk.model.ZendeskObject;

/** What the export consumer reads from a record: its clock, its dedupe key, the side-loads it references. */
final class ExportRecords {

    /** Side-load name for the record fields that reference it ({@code requester_id} -> users). */
    static final Map<String, String> REFERENCES = Map.ofEntries(
            Map.entry("requester", "users"), Map.entry("submitter", "users"), Map.entry("assignee", "users"),
            Map.entry("collaborator", "users"), Map.entry("follower", "users"), Map.entry("author", "users"),
            Map.entry("updater", "users"), Map.entry("organization", "organizations"), Map.entry("group", "groups"),
            Map.entry("brand", "brands"), Map.entry("ticket", "tickets"));

    private ExportRecords() {
    }

    /** The record's clock: generated_timestamp for tickets, else updated_at (or an event's timestamp). */
    static long timestamp(ZendeskObject record) {
        Object generated = record.get("generated_timestamp");
        if (generated instanceof Number n) {
            return n.longValue();
        }
        Object ts = record.get("timestamp");
        if (ts instanceof Number n) {
            return n.longValue();
        }
        Object updated = record.get("updated_at");
        if (updated != null) {
            try {
                return Instant.parse(updated.toString()).getEpochSecond();
            } catch (DateTimeParseException e) {
                return 0;
            }
        }
        return 0;
    }

    /** The dedupe key of a record: its id and its timestamp; null when it has no id. */
    static ExportPosition.Key key(ZendeskObject record) {
        Long id = record.get("id") instanceof Number n ? n.longValue() : null;
        return id == null ? null : new ExportPosition.Key(id, timestamp(record));
    }

    static Map<String, Map<Object, Map<String, Object>>> indexSideloads(Page<?> page) {
        Map<String, Map<Object, Map<String, Object>>> out = new LinkedHashMap<>();
        page.sideloads().forEach((name, objects) -> {
            Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
            for (Map<String, Object> o : objects) {
                byId.put(o.get("id"), o);
            }
            out.put(name, byId);
        });
        return out;
    }

    /** The side-loaded objects a record references through its {@code *_id} / {@code *_ids} fields. */
    static Map<String, Map<Object, Map<String, Object>>> referenced(ZendeskObject record,
            Map<String, Map<Object, Map<String, Object>>> sideloads) {
        Map<String, Map<Object, Map<String, Object>>> out = new LinkedHashMap<>();
        record.fields().forEach((field, value) -> {
            String prefix = field.endsWith("_ids") ? field.substring(0, field.length() - 4)
                    : field.endsWith("_id") ? field.substring(0, field.length() - 3) : null;
            String name = prefix == null ? null : REFERENCES.get(prefix);
            Map<Object, Map<String, Object>> loaded = name == null ? null : sideloads.get(name);
            if (loaded == null || value == null) {
                return;
            }
            for (Object id : value instanceof List<?> l ? l : List.of(value)) {
                Map<String, Object> o = loaded.get(id);
                if (o != null) {
                    out.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(id, o);
                }
            }
        });
        return out;
    }
}
