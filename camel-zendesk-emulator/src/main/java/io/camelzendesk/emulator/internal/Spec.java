package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** How one resource is named, defaulted, validated and which events its changes publish. */
public final class Spec {
    @FunctionalInterface
    public interface Defaults {
        ObjectNode make(long id, long nowMillis, long actorId);
    }

    @FunctionalInterface
    public interface Validator {
        void validate(Core core, ObjectNode obj, Long selfId);
    }

    @FunctionalInterface
    public interface OnChange {
        void changed(Core core, ObjectNode before, ObjectNode after);
    }

    @FunctionalInterface
    public interface OnObject {
        void apply(Core core, ObjectNode obj);
    }

    public final String table;
    public final String singular;
    public final String plural;
    public final Defaults defaults;
    public Set<String> readOnly = Set.of("id", "url", "created_at", "updated_at");
    public Set<String> extraWritable = Set.of();
    public Set<String> mergeObjects = Set.of("user_fields", "organization_fields");
    public boolean acceptsId;
    public OnObject normalizer = (c, o) -> { };
    public Validator validator = (c, o, id) -> { };
    public OnObject createHook = (c, o) -> { };
    public OnChange updateHook = (c, b, a) -> { };
    public OnObject deleteHook = (c, o) -> { };

    public Spec(String table, String singular, String plural, Defaults defaults) {
        this.table = table;
        this.singular = singular;
        this.plural = plural;
        this.defaults = defaults;
    }

    void normalize(ObjectNode o) {
        normalizer.apply(null, o);
    }

    void validate(Core core, ObjectNode o, Long selfId) {
        validator.validate(core, o, selfId);
    }

    void onCreate(Core core, ObjectNode o) {
        createHook.apply(core, o);
    }

    void onUpdate(Core core, ObjectNode before, ObjectNode after) {
        updateHook.changed(core, before, after);
    }

    void onDelete(Core core, ObjectNode o) {
        deleteHook.apply(core, o);
    }
}
