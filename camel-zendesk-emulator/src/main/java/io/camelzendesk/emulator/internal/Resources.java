package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Generic create / update / delete / upsert for every resource except tickets, driven by {@link Specs}.
 * Tickets have their own service because of comments, custom fields, triggers and audits.
 */
public final class Resources {
    private final Core core;
    private final Map<String, Spec> specs = new LinkedHashMap<>();

    public Resources(Core core) {
        this.core = core;
        for (Spec s : Specs.all(core)) {
            specs.put(s.table, s);
        }
    }

    public Spec spec(String table) {
        Spec s = specs.get(table);
        if (s == null) {
            throw new IllegalArgumentException("No spec for " + table);
        }
        return s;
    }

    public ObjectNode create(String table, ObjectNode input, long actorId) {
        Spec spec = spec(table);
        return core.db.write(() -> {
            Table t = core.db.t(table);
            long now = core.now();
            long id = input.hasNonNull("id") && spec.acceptsId ? input.get("id").asLong() : t.nextId();
            ObjectNode obj = spec.defaults.make(id, now, actorId);
            merge(spec, obj, input, true);
            obj.put("id", id);
            spec.normalize(obj);
            spec.validate(core, obj, null);
            Entity e = new Entity(id, obj, now / 1000, now);
            t.put(e);
            spec.onCreate(core, obj);
            return obj;
        });
    }

    public ObjectNode update(String table, long id, ObjectNode input, long actorId) {
        Spec spec = spec(table);
        return core.db.write(() -> {
            Table t = core.db.t(table);
            Entity e = t.live(id);
            if (e == null) {
                throw ApiError.notFound();
            }
            ObjectNode before = e.json;
            ObjectNode obj = before.deepCopy();
            merge(spec, obj, input, false);
            spec.normalize(obj);
            if (obj.equals(before)) {
                return before;
            }
            long now = core.now();
            obj.put("updated_at", Times.iso(now));
            spec.validate(core, obj, id);
            t.update(e, obj, now / 1000, now);
            spec.onUpdate(core, before, obj);
            return obj;
        });
    }

    /** Deletes (hard, soft or archive depending on the spec); returns the final object. */
    public ObjectNode delete(String table, long id) {
        Spec spec = spec(table);
        return core.db.write(() -> {
            Table t = core.db.t(table);
            Entity e = t.live(id);
            if (e == null) {
                throw ApiError.notFound();
            }
            long now = core.now();
            ObjectNode obj = e.json.deepCopy();
            obj.put("updated_at", Times.iso(now));
            spec.onDelete(core, obj);
            t.update(e, obj, now / 1000, now);
            e.deleted = true;
            return obj;
        });
    }

    /** Upsert: returns [object, created?]. */
    public Object[] createOrUpdate(String table, ObjectNode input, long actorId, Predicate<ObjectNode> matcher) {
        return core.db.write(() -> {
            Entity match = null;
            for (Entity e : core.db.t(table).all()) {
                if (!e.deleted && matcher.test(e.json)) {
                    match = e;
                    break;
                }
            }
            if (match == null) {
                ObjectNode in = input.deepCopy();
                in.remove("id");
                return new Object[]{create(table, in, actorId), true};
            }
            return new Object[]{update(table, match.id, input, actorId), false};
        });
    }

    public ObjectNode get(String table, long id) {
        return core.db.read(() -> {
            Entity e = core.db.t(table).live(id);
            if (e == null) {
                throw ApiError.notFound();
            }
            return e.json;
        });
    }

    public List<Entity> list(String table, Predicate<ObjectNode> filter) {
        return core.db.read(() -> core.db.t(table).liveList(filter));
    }

    public List<Entity> byIds(String table, List<Long> ids) {
        return core.db.read(() -> {
            List<Entity> out = new ArrayList<>();
            Table t = core.db.t(table);
            for (Long id : ids) {
                Entity e = t.live(id);
                if (e != null) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    /** Copies writable input fields onto obj. Unknown fields are ignored, as Zendesk does. */
    private static void merge(Spec spec, ObjectNode obj, ObjectNode input, boolean creating) {
        input.fields().forEachRemaining(f -> {
            String k = f.getKey();
            if (spec.readOnly.contains(k) || (!obj.has(k) && !spec.extraWritable.contains(k))) {
                return;
            }
            JsonNode v = f.getValue();
            if ("tags".equals(k)) {
                obj.set(k, Json.stringArray(Json.normalizeTags(Json.strings(v))));
            } else if ("label_names".equals(k)) {
                obj.set(k, Json.stringArray(Json.strings(v)));
            } else if (v.isObject() && obj.get(k) != null && obj.get(k).isObject() && spec.mergeObjects.contains(k)) {
                ((ObjectNode) obj.get(k)).setAll((ObjectNode) v);
            } else {
                obj.set(k, v.deepCopy());
            }
        });
        if (creating) {
            spec.extraWritable.forEach(k -> {
                if (!obj.has(k) && input.has(k)) {
                    obj.set(k, input.get(k).deepCopy());
                }
            });
        }
    }

    /** A lower-case email match helper for user upserts. */
    public static boolean sameText(JsonNode a, JsonNode b) {
        return a != null && b != null && !a.isNull() && !b.isNull()
                && a.asText().toLowerCase(Locale.ROOT).equals(b.asText().toLowerCase(Locale.ROOT));
    }
}
