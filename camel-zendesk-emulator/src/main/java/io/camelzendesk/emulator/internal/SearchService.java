package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A useful subset of Zendesk's search language: type, status/priority (with &lt; &gt; comparisons),
 * ticket_type, tags, requester/assignee/submitter, organization, group, created/updated (dates or
 * relative like 2days), subject/description/name/email/role/external_id, free text, negation with '-',
 * quoted phrases, order_by/sort. Repeated keys are OR'ed, different keys AND'ed.
 */
public final class SearchService {
    private static final Pattern TERM = Pattern.compile("(-)?(?:([a-z_]+)(:|<=|>=|<|>))?(\"[^\"]*\"|\\S+)");
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)(minutes?|hours?|days?|weeks?|months?|years?)");

    /** One term of a query. */
    record Term(boolean negated, String key, String op, String value) {
    }

    /** A match: the row and its type. */
    public record Hit(String type, Entity entity) {
    }

    private final Core core;

    SearchService(Core core) {
        this.core = core;
    }

    static List<Term> parse(String query) {
        List<Term> out = new ArrayList<>();
        if (query == null) {
            return out;
        }
        Matcher m = TERM.matcher(query.trim());
        while (m.find()) {
            String v = m.group(4);
            if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
                v = v.substring(1, v.length() - 1);
            }
            out.add(new Term(m.group(1) != null, m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT), m.group(3), v));
        }
        return out;
    }

    /** Runs a query; {@code forcedType} (search export's filter[type]) overrides type: terms. */
    public List<Hit> search(String query, String forcedType, String sortBy, String sortOrder) {
        List<Term> terms = parse(query);
        List<String> types = new ArrayList<>();
        String orderBy = sortBy;
        String order = sortOrder;
        List<Term> filters = new ArrayList<>();
        for (Term t : terms) {
            if ("type".equals(t.key)) {
                types.add(t.value.toLowerCase(Locale.ROOT));
            } else if ("order_by".equals(t.key)) {
                orderBy = t.value;
            } else if ("sort".equals(t.key)) {
                order = t.value;
            } else {
                filters.add(t);
            }
        }
        if (forcedType != null) {
            types = List.of(forcedType);
        }
        if (types.isEmpty()) {
            types = List.of("ticket", "user", "organization", "group");
        }
        Map<String, List<Term>> groups = new LinkedHashMap<>();
        List<Term> negated = new ArrayList<>();
        for (Term t : filters) {
            if (t.negated) {
                negated.add(t);
            } else {
                groups.computeIfAbsent(t.key == null ? "\u0000text" + groups.size() : t.key + t.op, k -> new ArrayList<>()).add(t);
            }
        }
        final List<String> fTypes = types;
        List<Hit> hits = core.db.read(() -> {
            List<Hit> out = new ArrayList<>();
            for (String type : fTypes) {
                String table = switch (type) {
                    case "ticket" -> Db.TICKETS;
                    case "user" -> Db.USERS;
                    case "organization" -> Db.ORGANIZATIONS;
                    case "group" -> Db.GROUPS;
                    default -> null;
                };
                if (table == null) {
                    continue;
                }
                for (Entity e : core.db.t(table).all()) {
                    if (e.deleted) {
                        continue;
                    }
                    boolean ok = true;
                    for (List<Term> g : groups.values()) {
                        boolean any = false;
                        for (Term t : g) {
                            if (matches(type, e, t)) {
                                any = true;
                                break;
                            }
                        }
                        if (!any) {
                            ok = false;
                            break;
                        }
                    }
                    for (Term t : negated) {
                        if (ok && matches(type, e, t)) {
                            ok = false;
                        }
                    }
                    if (ok) {
                        out.add(new Hit(type, e));
                    }
                }
            }
            return out;
        });
        if (orderBy != null) {
            String field = switch (orderBy) {
                case "created", "created_at" -> "created_at";
                case "updated", "updated_at" -> "updated_at";
                case "priority" -> "priority";
                case "status" -> "status";
                case "ticket_type", "type" -> "type";
                default -> "id";
            };
            Comparator<Hit> cmp = Comparator.comparing(h -> sortKey(h.entity.json, field), Comparator.nullsFirst(Comparator.naturalOrder()));
            cmp = cmp.thenComparingLong(h -> h.entity.id);
            if ("desc".equalsIgnoreCase(order)) {
                cmp = cmp.reversed();
            }
            hits.sort(cmp);
        }
        return hits;
    }

    private static String sortKey(ObjectNode o, String field) {
        String v = Json.text(o, field);
        if (v == null) {
            return null;
        }
        if (field.equals("priority")) {
            return String.valueOf(TicketService.PRIORITIES.indexOf(v));
        }
        if (field.equals("status")) {
            return String.valueOf(TicketService.STATUSES.indexOf(v));
        }
        if (field.equals("id")) {
            return String.format("%020d", Long.parseLong(v));
        }
        return v;
    }

    private boolean matches(String type, Entity e, Term t) {
        ObjectNode o = e.json;
        String v = t.value.toLowerCase(Locale.ROOT);
        if (t.key == null) {
            return freeText(type, e, v);
        }
        switch (t.key) {
            case "status":
                return "ticket".equals(type) && compareEnum(Json.text(o, "status"), t.op, v, TicketService.STATUSES);
            case "priority":
                return "ticket".equals(type) && compareEnum(Json.text(o, "priority"), t.op, v, TicketService.PRIORITIES);
            case "ticket_type":
                return "ticket".equals(type) && v.equals(Json.text(o, "type"));
            case "tags":
            case "tag":
                return Json.strings(o.get("tags")).contains(v);
            case "requester":
                return "ticket".equals(type) && userRef(o.get("requester_id"), v);
            case "assignee":
                return "ticket".equals(type) && userRef(o.get("assignee_id"), v);
            case "submitter":
                return "ticket".equals(type) && userRef(o.get("submitter_id"), v);
            case "organization":
                return ref(Db.ORGANIZATIONS, "user".equals(type) || "ticket".equals(type) ? o.get("organization_id") : o.get("id"), v);
            case "group":
                return ref(Db.GROUPS, "ticket".equals(type) ? o.get("group_id") : o.get("default_group_id"), v);
            case "created":
                return compareTime(Json.text(o, "created_at"), t.op, v);
            case "updated":
                return compareTime(Json.text(o, "updated_at"), t.op, v);
            case "subject":
                return contains(Json.text(o, "subject"), v);
            case "description":
                return contains(Json.text(o, "description"), v);
            case "name":
                return contains(Json.text(o, "name"), v);
            case "email":
                return v.equals(Json.text(o, "email"));
            case "role":
                return "user".equals(type) && v.replace("_", "-").equals(Json.text(o, "role"));
            case "external_id":
                return v.equalsIgnoreCase(Objects.toString(Json.text(o, "external_id"), ""));
            case "via":
                return v.equals(o.path("via").path("channel").asText());
            default:
                return false;
        }
    }

    private boolean freeText(String type, Entity e, String v) {
        ObjectNode o = e.json;
        if ("ticket".equals(type)) {
            if (contains(Json.text(o, "subject"), v) || contains(Json.text(o, "description"), v)) {
                return true;
            }
            for (Long cid : core.db.ticketComments.getOrDefault(e.id, List.of())) {
                if (contains(Json.text(core.db.t(Db.COMMENTS).get(cid).json, "body"), v)) {
                    return true;
                }
            }
            return false;
        }
        return contains(Json.text(o, "name"), v) || contains(Json.text(o, "email"), v) || contains(Json.text(o, "notes"), v)
                || contains(Json.text(o, "details"), v) || Json.strings(o.get("tags")).contains(v);
    }

    private static boolean contains(String hay, String needle) {
        return hay != null && hay.toLowerCase(Locale.ROOT).contains(needle);
    }

    private boolean userRef(JsonNode id, String v) {
        if ("none".equals(v)) {
            return id == null || id.isNull();
        }
        if (id == null || id.isNull()) {
            return false;
        }
        if ("me".equals(v)) {
            return id.asLong() == core.adminId();
        }
        if (v.matches("\\d+")) {
            return id.asLong() == Long.parseLong(v);
        }
        Entity u = core.db.t(Db.USERS).get(id.asLong());
        return u != null && (v.equals(Json.text(u.json, "email")) || v.equalsIgnoreCase(Json.text(u.json, "name")));
    }

    private boolean ref(String table, JsonNode id, String v) {
        if ("none".equals(v)) {
            return id == null || id.isNull();
        }
        if (id == null || id.isNull()) {
            return false;
        }
        if (v.matches("\\d+")) {
            return id.asLong() == Long.parseLong(v);
        }
        Entity e = core.db.t(table).get(id.asLong());
        return e != null && v.equalsIgnoreCase(Json.text(e.json, "name"));
    }

    private static boolean compareEnum(String actual, String op, String wanted, List<String> order) {
        if (actual == null) {
            return false;
        }
        int a = order.indexOf(actual);
        int w = order.indexOf(wanted);
        if (w < 0) {
            return false;
        }
        return switch (op) {
            case "<" -> a < w;
            case ">" -> a > w;
            case "<=" -> a <= w;
            case ">=" -> a >= w;
            default -> a == w;
        };
    }

    private boolean compareTime(String actualIso, String op, String value) {
        Instant actual = Times.parse(actualIso);
        if (actual == null) {
            return false;
        }
        Instant ref;
        boolean dayPrecision = false;
        Matcher rel = RELATIVE.matcher(value);
        if (rel.matches()) {
            long n = Long.parseLong(rel.group(1));
            String unit = rel.group(2);
            Duration d = unit.startsWith("minute") ? Duration.ofMinutes(n) : unit.startsWith("hour") ? Duration.ofHours(n)
                    : unit.startsWith("day") ? Duration.ofDays(n) : unit.startsWith("week") ? Duration.ofDays(7 * n)
                    : unit.startsWith("month") ? Duration.ofDays(30 * n) : Duration.ofDays(365 * n);
            ref = Instant.ofEpochMilli(core.now()).minus(d);
            // "created>2days" means within the last two days
            return switch (op) {
                case ">", ">=" -> !actual.isBefore(ref);
                case "<", "<=" -> actual.isBefore(ref);
                default -> !actual.isBefore(ref);
            };
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            ref = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            dayPrecision = true;
        } else {
            ref = Times.parse(value.toUpperCase(Locale.ROOT));
            if (ref == null) {
                return false;
            }
        }
        Instant refEnd = dayPrecision ? ref.plus(Duration.ofDays(1)) : ref.plusSeconds(1);
        return switch (op) {
            case ">" -> !actual.isBefore(refEnd);
            case ">=" -> !actual.isBefore(ref);
            case "<" -> actual.isBefore(ref);
            case "<=" -> actual.isBefore(refEnd);
            default -> !actual.isBefore(ref) && actual.isBefore(refEnd);
        };
    }
}
