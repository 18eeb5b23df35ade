package io.camelzendesk.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges updates of one ticket, given in order, into the one update that leaves the ticket as the sequence would:
 * <ul>
 * <li>fields: the last writer wins, per field;</li>
 * <li>{@code custom_fields} (resolved to {@code {id, value}}): the last writer wins, per field id;</li>
 * <li>tags: {@code tags} replaces the set, {@code additional_tags} and {@code remove_tags} apply after it in order
 * (an add then a remove of the same tag removes it);</li>
 * <li>{@code email_ccs}, {@code followers}, {@code additional_collaborators}: operations, all kept in order;</li>
 * <li>{@code comment}: at most one per merge ({@link TicketUpdateQueue} never puts two in one batch).</li>
 * </ul>
 */
final class TicketUpdateMerge {

    private static final Set<String> OPERATION_LISTS = Set.of("email_ccs", "followers", "additional_collaborators");

    private TicketUpdateMerge() {
    }

    static boolean isSafe(Map<String, Object> update) {
        return "true".equals(String.valueOf(update.get("safe_update")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(List<Map<String, Object>> updates) {
        if (updates.size() == 1) {
            return updates.get(0);
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        List<Object> tags = null;
        Set<Object> added = new LinkedHashSet<>();
        Set<Object> removed = new LinkedHashSet<>();
        Map<Object, Object> customFields = new LinkedHashMap<>();
        for (Map<String, Object> update : updates) {
            for (Map.Entry<String, Object> e : update.entrySet()) {
                String field = e.getKey();
                Object value = e.getValue();
                switch (field) {
                    case "tags" -> {
                        tags = new ArrayList<>(asList(value));
                        added.clear();
                        removed.clear();
                    }
                    case "additional_tags" -> {
                        for (Object tag : asList(value)) {
                            if (tags != null) {
                                if (!tags.contains(tag)) {
                                    tags.add(tag);
                                }
                            } else {
                                removed.remove(tag);
                                added.add(tag);
                            }
                        }
                    }
                    case "remove_tags" -> {
                        for (Object tag : asList(value)) {
                            if (tags != null) {
                                tags.remove(tag);
                            } else {
                                added.remove(tag);
                                removed.add(tag);
                            }
                        }
                    }
                    case "custom_fields" -> {
                        for (Object entry : asList(value)) {
                            Object key = entry instanceof Map<?, ?> m && m.get("id") != null ? m.get("id") : entry;
                            customFields.remove(key);
                            customFields.put(key, entry);
                        }
                    }
                    default -> {
                        if (OPERATION_LISTS.contains(field) && merged.get(field) instanceof List<?> before) {
                            List<Object> all = new ArrayList<>(before);
                            all.addAll(asList(value));
                            merged.put(field, all);
                        } else {
                            merged.put(field, value);
                        }
                    }
                }
            }
        }
        if (tags != null) {
            merged.put("tags", tags);
        }
        if (!added.isEmpty()) {
            merged.put("additional_tags", new ArrayList<>(added));
        }
        if (!removed.isEmpty()) {
            merged.put("remove_tags", new ArrayList<>(removed));
        }
        if (!customFields.isEmpty()) {
            merged.put("custom_fields", new ArrayList<>(customFields.values()));
        }
        return merged;
    }

    private static List<Object> asList(Object value) {
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (value instanceof Object[] a) {
            return List.of(a);
        }
        if (value instanceof String s) {
            // Zendesk takes tags as a list; a space-separated string is what its UI sends
            List<Object> out = new ArrayList<>();
            for (String t : s.trim().split("\\s+")) {
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return out;
        }
        return value == null ? List.of() : List.of(value);
    }
}
