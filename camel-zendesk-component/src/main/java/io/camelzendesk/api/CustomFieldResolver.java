package io.camelzendesk.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.camelzendesk.client.PageReader;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.model.TicketField;

/**
 * Custom fields by name: turns {@code custom_fields} given as a map of field title (or key) to value, with dropdown
 * values given by option name, into Zendesk's {@code [{id, value}]}; and gives a ticket's custom fields by title.
 * The ticket fields come from a cached {@code GET /api/v2/ticket_fields}, refreshed once on an unknown name. One
 * cache per {@link ZendeskApi}; each read says how old the fields it accepts may be, so callers with different
 * freshness needs share the cache and each gets its own.
 */
final class CustomFieldResolver {

    private final ZendeskClient client;
    private CompletableFuture<List<TicketField>> fields;
    private long loadedAtNanos;

    CustomFieldResolver(ZendeskClient client) {
        this.client = client;
    }

    /** The account's ticket fields, from the cache when it is younger than {@code maxAge}. */
    synchronized CompletableFuture<List<TicketField>> fields(Duration maxAge) {
        return fields(maxAge, null);
    }

    /**
     * The ticket fields, reloaded when the cache is older than {@code maxAge} or still holds {@code seen}: callers
     * that found an unknown name in the same load (the items of a bulk) share one refresh.
     */
    private synchronized CompletableFuture<List<TicketField>> fields(Duration maxAge,
            CompletableFuture<List<TicketField>> seen) {
        boolean stale = fields == null || fields.isCompletedExceptionally()
                || System.nanoTime() - loadedAtNanos > maxAge.toNanos();
        if (stale || (seen != null && seen == fields)) {
            loadedAtNanos = System.nanoTime();
            fields = loadAll(ZendeskRequest.get(ApiResource.TICKET_FIELDS.path()).query("page[size]", 100).build(),
                    new ArrayList<>());
        }
        return fields;
    }

    private CompletableFuture<List<TicketField>> loadAll(ZendeskRequest request, List<TicketField> into) {
        return client.send(request, new PageReader<>(ApiResource.TICKET_FIELDS.plural(), TicketField.class, false)).thenCompose(r -> {
            into.addAll(r.body().items());
            String next = r.body().items().isEmpty() ? null : r.body().next();
            return next == null ? CompletableFuture.completedFuture(into)
                    : loadAll(ZendeskRequest.get(next).build(), into);
        });
    }

    /**
     * Resolves the {@code custom_fields} of a ticket map in place. Completes without a request when the fields are
     * all given by numeric id with plain values.
     */
    CompletableFuture<Void> resolve(Map<String, Object> ticket, Duration maxAge) {
        Object given = ticket.get("custom_fields");
        if (given == null || (given instanceof List<?> l && l.stream().allMatch(CustomFieldResolver::plainById))) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<List<TicketField>> used = fields(maxAge);
        return used.thenCompose(fs -> {
            List<Object> unknown = new ArrayList<>();
            List<Map<String, Object>> resolved = tryResolve(given, fs, unknown);
            if (unknown.isEmpty()) {
                ticket.put("custom_fields", resolved);
                return CompletableFuture.completedFuture(null);
            }
            // a field created since the cache was filled: look once more
            return fields(maxAge, used).thenAccept(fresh -> {
                List<Object> stillUnknown = new ArrayList<>();
                List<Map<String, Object>> again = tryResolve(given, fresh, stillUnknown);
                if (!stillUnknown.isEmpty()) {
                    throw new IllegalArgumentException(describeUnknown(stillUnknown, fresh));
                }
                ticket.put("custom_fields", again);
            });
        });
    }

    private static boolean plainById(Object o) {
        return o instanceof Map<?, ?> m && m.get("id") instanceof Number && !(m.get("value") instanceof Map);
    }

    private List<Map<String, Object>> tryResolve(Object given, List<TicketField> fields, List<Object> unknown) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (given instanceof Map<?, ?> byName) {
            for (Map.Entry<?, ?> e : byName.entrySet()) {
                add(out, String.valueOf(e.getKey()), e.getValue(), fields, unknown);
            }
        } else if (given instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("custom_fields entries must be objects {id|title|key, value},"
                                                       + " got " + o);
                }
                Object ref = m.get("id") != null ? m.get("id") : m.get("key") != null ? m.get("key") : m.get("title");
                add(out, String.valueOf(ref), m.get("value"), fields, unknown);
            }
        } else {
            throw new IllegalArgumentException("custom_fields must be a list of {id, value} or a map of field title"
                                               + " (or key) to value, got " + given.getClass().getSimpleName());
        }
        return out;
    }

    private void add(List<Map<String, Object>> out, String ref, Object value, List<TicketField> fields,
            List<Object> unknown) {
        TicketField field = find(ref, fields);
        if (field == null) {
            if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty()) {
                // an id we do not know: Zendesk is the judge
                out.add(entry(Long.parseLong(ref), value));
            } else {
                unknown.add(ref);
            }
            return;
        }
        Object resolvedValue = optionValue(field, value, unknown);
        out.add(entry(field.getId(), resolvedValue));
    }

    private static Map<String, Object> entry(long id, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("value", value);
        return m;
    }

    private static TicketField find(String ref, List<TicketField> fields) {
        for (TicketField f : fields) {
            if (String.valueOf(f.getId()).equals(ref) || ref.equals(f.getKey())) {
                return f;
            }
        }
        for (TicketField f : fields) {
            if (f.getTitle() != null && f.getTitle().equalsIgnoreCase(ref.trim())) {
                return f;
            }
        }
        return null;
    }

    /** A dropdown value given by option name becomes the option's value. */
    private static Object optionValue(TicketField field, Object value, List<Object> unknown) {
        List<Map<String, Object>> options = field.getCustomFieldOptions();
        if (options == null || options.isEmpty() || value == null) {
            return value;
        }
        if (value instanceof List<?> many) {
            List<Object> out = new ArrayList<>();
            for (Object v : many) {
                out.add(optionValue(field, v, unknown));
            }
            return out;
        }
        String s = value.toString();
        for (Map<String, Object> o : options) {
            if (s.equals(o.get("value"))) {
                return s;
            }
        }
        for (Map<String, Object> o : options) {
            if (o.get("name") != null && s.equalsIgnoreCase(o.get("name").toString().trim())) {
                return o.get("value");
            }
        }
        unknown.add(new UnknownOption(field, s));
        return value;
    }

    private record UnknownOption(TicketField field, String value) {
    }

    private static String describeUnknown(List<Object> unknown, List<TicketField> fields) {
        List<String> parts = new ArrayList<>();
        for (Object u : unknown) {
            if (u instanceof UnknownOption o) {
                List<String> names = new ArrayList<>();
                for (Map<String, Object> opt : o.field().getCustomFieldOptions()) {
                    names.add(String.valueOf(opt.get("name")));
                }
                parts.add("no option '" + o.value() + "' in ticket field '" + o.field().getTitle() + "'"
                          + suggestions(o.value(), names));
            } else {
                List<String> names = new ArrayList<>();
                for (TicketField f : fields) {
                    names.add(f.getTitle());
                    if (f.getKey() != null) {
                        names.add(f.getKey());
                    }
                }
                parts.add("unknown ticket field '" + u + "'" + suggestions(u.toString(), names));
            }
        }
        return "Cannot resolve custom_fields: " + String.join("; ", parts) + ". No request was sent.";
    }

    private static String suggestions(String wanted, List<String> names) {
        String w = wanted.toLowerCase(Locale.ROOT);
        List<String> close = names.stream().filter(n -> n != null)
                .filter(n -> {
                    String c = n.toLowerCase(Locale.ROOT);
                    return c.contains(w) || w.contains(c) || distance(c, w) <= Math.max(2, w.length() / 3);
                })
                .sorted(Comparator.comparingInt(n -> distance(n.toLowerCase(Locale.ROOT), w)))
                .distinct().limit(3).toList();
        return close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The custom fields of a ticket by field title; dropdown values by option name. */
    CompletableFuture<Map<String, Object>> byName(List<Map<String, Object>> customFields, Duration maxAge) {
        if (customFields == null) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return fields(maxAge).thenApply(fs -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map<String, Object> cf : customFields) {
                TicketField f = find(String.valueOf(cf.get("id")), fs);
                Object value = cf.get("value");
                if (f == null) {
                    out.put(String.valueOf(cf.get("id")), value);
                    continue;
                }
                if (f.getCustomFieldOptions() != null && value != null) {
                    for (Map<String, Object> o : f.getCustomFieldOptions()) {
                        if (value.equals(o.get("value"))) {
                            value = o.get("name");
                            break;
                        }
                    }
                }
                out.put(f.getTitle(), value);
            }
            return out;
        });
    }
}
