package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The table of non-ticket resources: their Zendesk fields and defaults, validations and events. */
final class Specs {
    private static final Set<String> ROLES = Set.of("end-user", "agent", "admin");
    private static final Set<String> FIELD_TYPES = Set.of("text", "textarea", "checkbox", "date", "integer", "decimal",
            "regexp", "partialcreditcard", "multiselect", "tagger", "lookup");

    private Specs() {
    }

    static List<Spec> all(Core core) {
        return List.of(users(core), organizations(core), groups(core), ticketFields(core), macros(core), triggers(core),
                categories(core), sections(core), articles(core), permissionGroups(core));
    }

    private static Spec users(Core core) {
        Spec s = new Spec(Db.USERS, "user", "users", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/users/" + id + ".json"), "name", null, "email", null,
                "created_at", Times.iso(now), "updated_at", Times.iso(now),
                "time_zone", "Eastern Time (US & Canada)", "iana_time_zone", "America/New_York",
                "phone", null, "shared_phone_number", null, "photo", null, "locale_id", 1, "locale", "en-US",
                "organization_id", null, "role", "end-user", "verified", false, "external_id", null,
                "tags", Json.arr(), "alias", null, "active", true, "shared", false, "shared_agent", false,
                "last_login_at", null, "two_factor_auth_enabled", false, "signature", null, "details", "", "notes", "",
                "role_type", null, "custom_role_id", null, "moderator", false, "ticket_restriction", "requested",
                "only_private_comments", false, "restricted_agent", true, "suspended", false, "default_group_id", null,
                "report_csv", false, "user_fields", Json.obj()));
        s.normalizer = (c, o) -> {
            if (o.hasNonNull("email")) {
                o.put("email", o.get("email").asText().trim().toLowerCase(Locale.ROOT));
            }
            if ("end-user".equals(Json.text(o, "role"))) {
                o.put("ticket_restriction", "requested");
            } else if (o.hasNonNull("role")) {
                o.putNull("ticket_restriction");
            }
        };
        s.validator = (c, o, self) -> {
            ApiError.Invalid inv = new ApiError.Invalid();
            String name = Json.text(o, "name");
            if (name == null || name.isBlank()) {
                inv.add("name", "BlankValue", "Name:  is too short (minimum one character)");
            }
            String role = Json.text(o, "role");
            if (role == null || !ROLES.contains(role)) {
                inv.add("role", "InvalidValue", "Role: is not valid");
            }
            String email = Json.text(o, "email");
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                inv.add("email", "InvalidFormat", "Email: " + email + " is not properly formatted");
            } else if (email != null && duplicate(c, Db.USERS, "email", o.get("email"), self)) {
                inv.add("email", "DuplicateValue", "Email: " + email + " is already being used by another user");
            }
            if (o.hasNonNull("external_id") && duplicate(c, Db.USERS, "external_id", o.get("external_id"), self)) {
                inv.add("external_id", "DuplicateValue", "External ID: has already been taken");
            }
            if (o.hasNonNull("organization_id") && c.db.t(Db.ORGANIZATIONS).live(o.get("organization_id").asLong()) == null) {
                inv.add("organization_id", "InvalidValue", "Organization: is invalid");
            }
            inv.throwIfAny();
        };
        s.createHook = (c, o) -> c.webhooks.publish("user.created", "zen:user:" + o.get("id").asLong(), userDetail(o), Json.obj());
        s.updateHook = (c, b, a) -> {
            changeEvent(c, "user", "name", b, a, userDetail(a));
            changeEvent(c, "user", "role", b, a, userDetail(a));
            changeEvent(c, "user", "external_id", b, a, userDetail(a));
            changeEvent(c, "user", "email", b, a, userDetail(a));
            changeEvent(c, "user", "active", b, a, userDetail(a));
            tagsEvent(c, "user", b, a, userDetail(a));
        };
        s.deleteHook = (c, o) -> {
            o.put("active", false);
            c.webhooks.publish("user.deleted", "zen:user:" + o.get("id").asLong(), userDetail(o), Json.obj());
            c.webhooks.publish("user.active_changed", "zen:user:" + o.get("id").asLong(), userDetail(o),
                    Json.obj("current", false, "previous", true));
        };
        return s;
    }

    private static Spec organizations(Core core) {
        Spec s = new Spec(Db.ORGANIZATIONS, "organization", "organizations", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/organizations/" + id + ".json"), "name", null,
                "shared_tickets", false, "shared_comments", false, "external_id", null,
                "created_at", Times.iso(now), "updated_at", Times.iso(now), "domain_names", Json.arr(),
                "details", null, "notes", null, "group_id", null, "tags", Json.arr(), "organization_fields", Json.obj()));
        s.validator = (c, o, self) -> {
            ApiError.Invalid inv = new ApiError.Invalid();
            String name = Json.text(o, "name");
            if (name == null || name.isBlank()) {
                inv.add("name", "BlankValue", "Name: cannot be blank");
            } else if (duplicate(c, Db.ORGANIZATIONS, "name", o.get("name"), self)) {
                inv.add("name", "DuplicateValue", "Name: " + name + " has already been taken");
            }
            if (o.hasNonNull("external_id") && duplicate(c, Db.ORGANIZATIONS, "external_id", o.get("external_id"), self)) {
                inv.add("external_id", "DuplicateValue", "External ID: has already been taken");
            }
            inv.throwIfAny();
        };
        s.createHook = (c, o) -> c.webhooks.publish("organization.created", "zen:organization:" + o.get("id").asLong(), orgDetail(o), Json.obj());
        s.updateHook = (c, b, a) -> {
            changeEvent(c, "organization", "name", b, a, orgDetail(a));
            changeEvent(c, "organization", "external_id", b, a, orgDetail(a));
            tagsEvent(c, "organization", b, a, orgDetail(a));
        };
        s.deleteHook = (c, o) -> {
            o.put("deleted_at", Times.iso(c.now()));
            c.webhooks.publish("organization.deleted", "zen:organization:" + o.get("id").asLong(), orgDetail(o), Json.obj());
        };
        return s;
    }

    private static Spec groups(Core core) {
        Spec s = new Spec(Db.GROUPS, "group", "groups", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/groups/" + id + ".json"), "name", null, "description", "",
                "default", false, "deleted", false, "is_public", true,
                "created_at", Times.iso(now), "updated_at", Times.iso(now)));
        s.validator = (c, o, self) -> required(o, "name", "Name");
        s.deleteHook = (c, o) -> o.put("deleted", true);
        return s;
    }

    private static Spec ticketFields(Core core) {
        Spec s = new Spec(Db.TICKET_FIELDS, "ticket_field", "ticket_fields", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/ticket_fields/" + id + ".json"), "type", null, "title", null,
                "raw_title", null, "description", "", "raw_description", "", "position", 9999, "active", true,
                "required", false, "collapsed_for_agents", false, "regexp_for_validation", null,
                "title_in_portal", null, "raw_title_in_portal", null, "visible_in_portal", false,
                "editable_in_portal", false, "required_in_portal", false, "tag", null,
                "created_at", Times.iso(now), "updated_at", Times.iso(now), "removable", true, "key", null,
                "agent_description", null, "custom_field_options", Json.arr(), "system_field_options", null));
        s.normalizer = (c, o) -> {
            if (o.hasNonNull("title") && o.get("raw_title").isNull()) {
                o.set("raw_title", o.get("title"));
            }
            if (o.get("title_in_portal").isNull() && o.hasNonNull("title")) {
                o.set("title_in_portal", o.get("title"));
                o.set("raw_title_in_portal", o.get("title"));
            }
        };
        s.validator = (c, o, self) -> {
            ApiError.Invalid inv = new ApiError.Invalid();
            String type = Json.text(o, "type");
            if (type == null || !(FIELD_TYPES.contains(type) || Boolean.FALSE.equals(o.path("removable").asBoolean(true)))) {
                inv.add("type", "InvalidValue", "Type: is not valid");
            }
            String title = Json.text(o, "title");
            if (title == null || title.isBlank()) {
                inv.add("title", "BlankValue", "Title: cannot be blank");
            }
            if (("tagger".equals(type) || "multiselect".equals(type)) && o.get("custom_field_options").isEmpty()) {
                inv.add("custom_field_options", "BlankValue", "Field options: You must add at least one option");
            }
            inv.throwIfAny();
            // give options ids
            ArrayNode opts = (ArrayNode) o.get("custom_field_options");
            long base = o.get("id").asLong() * 100;
            for (int i = 0; i < opts.size(); i++) {
                ObjectNode opt = (ObjectNode) opts.get(i);
                if (!opt.hasNonNull("id")) {
                    opt.put("id", base + i + 1);
                }
                if (!opt.has("raw_name")) {
                    opt.set("raw_name", opt.get("name"));
                }
                if (!opt.has("default")) {
                    opt.put("default", false);
                }
                if (!opt.hasNonNull("value") && opt.hasNonNull("name")) {
                    opt.put("value", opt.get("name").asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
                }
            }
        };
        return s;
    }

    private static Spec macros(Core core) {
        Spec s = new Spec(Db.MACROS, "macro", "macros", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/macros/" + id + ".json"), "title", null, "raw_title", null,
                "active", true, "actions", Json.arr(), "description", null, "restriction", null, "position", 10000,
                "default", false, "created_at", Times.iso(now), "updated_at", Times.iso(now)));
        s.normalizer = (c, o) -> o.set("raw_title", o.get("title"));
        s.validator = (c, o, self) -> {
            ApiError.Invalid inv = new ApiError.Invalid();
            if (Json.text(o, "title") == null || Json.text(o, "title").isBlank()) {
                inv.add("title", "BlankValue", "Title: cannot be blank");
            }
            if (!o.get("actions").isArray() || o.get("actions").isEmpty()) {
                inv.add("actions", "BlankValue", "Actions: cannot be blank");
            }
            inv.throwIfAny();
        };
        return s;
    }

    private static Spec triggers(Core core) {
        Spec s = new Spec(Db.TRIGGERS, "trigger", "triggers", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/triggers/" + id + ".json"), "title", null, "raw_title", null,
                "active", true, "position", 10000, "conditions", Json.obj("all", Json.arr(), "any", Json.arr()),
                "actions", Json.arr(), "description", null, "category_id", null, "default", false,
                "created_at", Times.iso(now), "updated_at", Times.iso(now)));
        s.normalizer = (c, o) -> {
            o.set("raw_title", o.get("title"));
            ObjectNode cond = o.get("conditions").isObject() ? (ObjectNode) o.get("conditions") : o.putObject("conditions");
            if (!cond.has("all")) {
                cond.putArray("all");
            }
            if (!cond.has("any")) {
                cond.putArray("any");
            }
        };
        s.validator = (c, o, self) -> {
            ApiError.Invalid inv = new ApiError.Invalid();
            if (Json.text(o, "title") == null || Json.text(o, "title").isBlank()) {
                inv.add("title", "BlankValue", "Title: cannot be blank");
            }
            JsonNode cond = o.get("conditions");
            if (cond.get("all").isEmpty() && cond.get("any").isEmpty()) {
                inv.add("conditions", "BlankValue", "Conditions: cannot be blank");
            }
            if (!o.get("actions").isArray() || o.get("actions").isEmpty()) {
                inv.add("actions", "BlankValue", "Actions: cannot be blank");
            } else {
                for (JsonNode a : o.get("actions")) {
                    if ("notification_webhook".equals(Json.text(a, "field"))) {
                        JsonNode v = a.get("value");
                        String wid = v != null && v.isArray() && !v.isEmpty() ? v.get(0).asText() : null;
                        if (wid == null || !c.db.webhooks.containsKey(wid)) {
                            inv.add("actions", "InvalidValue", "Notify by > Active webhook: webhook " + wid + " does not exist");
                        }
                    }
                }
            }
            inv.throwIfAny();
        };
        return s;
    }

    private static Spec categories(Core core) {
        Spec s = new Spec(Db.CATEGORIES, "category", "categories", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/help_center/en-us/categories/" + id + ".json"),
                "html_url", core.url("/hc/en-us/categories/" + id), "position", 0,
                "created_at", Times.iso(now), "updated_at", Times.iso(now), "name", null, "description", "",
                "locale", "en-us", "source_locale", "en-us", "outdated", false));
        s.validator = (c, o, self) -> required(o, "name", "Name");
        return s;
    }

    private static Spec sections(Core core) {
        Spec s = new Spec(Db.SECTIONS, "section", "sections", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/help_center/en-us/sections/" + id + ".json"),
                "html_url", core.url("/hc/en-us/sections/" + id), "category_id", null, "position", 0,
                "sorting", "manual", "created_at", Times.iso(now), "updated_at", Times.iso(now), "name", null,
                "description", "", "locale", "en-us", "source_locale", "en-us", "outdated", false,
                "parent_section_id", null, "theme_template", "section_page"));
        s.validator = (c, o, self) -> {
            required(o, "name", "Name");
            if (!o.hasNonNull("category_id") || c.db.t(Db.CATEGORIES).live(o.get("category_id").asLong()) == null) {
                throw ApiError.invalid("category_id", "InvalidValue", "Category: is invalid");
            }
        };
        return s;
    }

    private static Spec articles(Core core) {
        Spec s = new Spec(Db.ARTICLES, "article", "articles", (id, now, actor) -> Json.obj(
                "id", id, "url", core.url("/api/v2/help_center/en-us/articles/" + id + ".json"),
                "html_url", core.url("/hc/en-us/articles/" + id), "author_id", actor, "comments_disabled", false,
                "draft", false, "promoted", false, "position", 0, "vote_sum", 0, "vote_count", 0, "section_id", null,
                "created_at", Times.iso(now), "updated_at", Times.iso(now), "name", null, "title", null,
                "source_locale", "en-us", "locale", "en-us", "outdated", false, "outdated_locales", Json.arr(),
                "edited_at", Times.iso(now), "user_segment_id", null, "permission_group_id", null,
                "content_tag_ids", Json.arr(), "label_names", Json.arr(), "body", ""));
        s.normalizer = (c, o) -> {
            o.set("name", o.get("title"));
            if (o.hasNonNull("locale")) {
                o.put("locale", o.get("locale").asText().toLowerCase(Locale.ROOT));
            }
        };
        s.validator = (c, o, self) -> {
            ApiError.Invalid inv = new ApiError.Invalid();
            if (Json.text(o, "title") == null || Json.text(o, "title").isBlank()) {
                inv.add("title", "BlankValue", "Title: cannot be blank");
            }
            if (!o.hasNonNull("section_id") || c.db.t(Db.SECTIONS).live(o.get("section_id").asLong()) == null) {
                inv.add("section_id", "InvalidValue", "Section: is invalid");
            }
            if (!o.hasNonNull("permission_group_id")) {
                inv.add("permission_group_id", "BlankValue", "Permission group: cannot be blank");
            }
            inv.throwIfAny();
        };
        s.createHook = (c, o) -> {
            if (!o.path("draft").asBoolean()) {
                c.webhooks.publish("article.published", "zen:article:" + o.get("id").asLong(), articleDetail(o), Json.obj());
            }
        };
        s.deleteHook = (c, o) -> c.webhooks.publish("article.unpublished", "zen:article:" + o.get("id").asLong(), articleDetail(o), Json.obj());
        return s;
    }

    private static Spec permissionGroups(Core core) {
        Spec s = new Spec(Db.PERMISSION_GROUPS, "permission_group", "permission_groups", (id, now, actor) -> Json.obj(
                "id", id, "name", null, "built_in", false, "publish", Json.arr(), "edit", Json.arr(),
                "created_at", Times.iso(now), "updated_at", Times.iso(now)));
        s.validator = (c, o, self) -> required(o, "name", "Name");
        return s;
    }

    // ---- helpers ----

    private static void required(ObjectNode o, String field, String label) {
        String v = Json.text(o, field);
        if (v == null || v.isBlank()) {
            throw ApiError.invalid(field, "BlankValue", label + ": cannot be blank");
        }
    }

    private static boolean duplicate(Core c, String table, String field, JsonNode value, Long self) {
        for (Entity e : c.db.t(table).all()) {
            if (!e.deleted && (self == null || e.id != self) && Resources.sameText(e.json.get(field), value)) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode userDetail(ObjectNode u) {
        return Json.obj("created_at", u.get("created_at"), "email", Json.text(u, "email"),
                "external_id", str(u, "external_id"), "default_group_id", str(u, "default_group_id"),
                "id", str(u, "id"), "organization_id", str(u, "organization_id"), "role", Json.text(u, "role"),
                "updated_at", u.get("updated_at"));
    }

    static ObjectNode orgDetail(ObjectNode o) {
        return Json.obj("created_at", o.get("created_at"), "external_id", str(o, "external_id"),
                "group_id", str(o, "group_id"), "id", str(o, "id"), "name", Json.text(o, "name"),
                "shared_comments", o.get("shared_comments"), "shared_tickets", o.get("shared_tickets"),
                "updated_at", o.get("updated_at"));
    }

    static ObjectNode articleDetail(ObjectNode a) {
        return Json.obj("brand_id", "0", "id", str(a, "id"), "section_id", str(a, "section_id"),
                "title", Json.text(a, "title"), "locale", Json.text(a, "locale"));
    }

    private static String str(ObjectNode o, String f) {
        String t = Json.text(o, f);
        return t == null ? "" : t;
    }

    private static void changeEvent(Core c, String domain, String field, ObjectNode before, ObjectNode after, ObjectNode detail) {
        JsonNode b = before.get(field);
        JsonNode a = after.get(field);
        if (b != null && a != null && !b.equals(a)) {
            c.webhooks.publish(domain + "." + field + "_changed", "zen:" + domain + ":" + after.get("id").asLong(), detail,
                    Json.obj("current", a, "previous", b));
        }
    }

    private static void tagsEvent(Core c, String domain, ObjectNode before, ObjectNode after, ObjectNode detail) {
        List<String> b = Json.strings(before.get("tags"));
        List<String> a = Json.strings(after.get("tags"));
        if (!a.equals(b)) {
            ArrayNode added = Json.arr();
            ArrayNode removed = Json.arr();
            a.stream().filter(t -> !b.contains(t)).forEach(added::add);
            b.stream().filter(t -> !a.contains(t)).forEach(removed::add);
            c.webhooks.publish(domain + ".tags_changed", "zen:" + domain + ":" + after.get("id").asLong(), detail,
                    Json.obj("tags_added", added, "tags_removed", removed));
        }
    }
}
