package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelzendesk.emulator.ZendeskEmulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic data: the base every account has (the admin user, a default group, system ticket fields,
 * a permission group) and, with a seed, realistic tickets with comments, users, organizations, groups,
 * custom fields (dropdowns), macros, tags and Help Center content. Same seed, same data (ids, texts, order);
 * timestamps are relative to the clock.
 */
public final class Seeder {
    public static final long ADMIN_USER_ID = 361_000_000_001L;
    public static final long DEFAULT_GROUP_ID = 363_000_000_001L;
    public static final long PERMISSION_GROUP_ID = 373_000_000_001L;
    private static final long DAY = 86_400_000L;

    private static final String[] FIRST = {"Ana", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas",
            "Kemi", "Liam", "Mei", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoe"};
    private static final String[] LAST = {"Silva", "Okafor", "Martin", "Patel", "Yilmaz", "Haddad", "Kim", "Tanaka", "Garcia",
            "Berg", "Adeyemi", "Murphy", "Chen", "Rahman", "Nasser", "Iyer", "Walsh", "Rossi", "Lund", "Aziz"};
    private static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries",
            "Wayne Enterprises", "Wonka", "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Massive Dynamic", "Vandelay", "Oscorp"};
    private static final String[] PRODUCTS = {"widget_pro", "widget_lite", "gadget_cloud", "gizmo_api"};
    private static final String[] PRODUCT_NAMES = {"Widget Pro", "Widget Lite", "Gadget Cloud", "Gizmo API"};
    private static final String[] SUBJECTS = {"Cannot log in to %s", "Refund request for order #%d", "%s crashes on startup",
            "How do I export my data from %s?", "Billing question about invoice %d", "Feature request: dark mode for %s",
            "Password reset link not working", "Shipping delay for order #%d", "API returns 500 on /v1/orders (%s)",
            "Upgrade %s to the annual plan", "Two-factor code never arrives", "Sync with %s stopped yesterday"};
    private static final String[] BODIES = {"Hi team, since this morning I get an error when I try this. Can you help?",
            "Please see the attached details. This is blocking our release.",
            "Thanks for the quick answer, that worked!", "I tried clearing the cache but the problem persists.",
            "Could you send me the invoice again? The one I got has the wrong address.",
            "We are evaluating an upgrade and would like to know the pricing for 50 seats.",
            "Following up on this, any news?", "Internal note: reproduced on staging, escalating to Tier 2."};
    private static final String[] TAGS = {"billing", "login", "bug", "feature_request", "refund", "shipping", "api", "urgent_customer", "mobile", "churn_risk"};
    private static final String[] STATUS_POOL = {"new", "open", "open", "open", "pending", "pending", "hold", "solved", "solved", "solved", "closed"};
    private static final String[] PRIORITY_POOL = {"low", "normal", "normal", "normal", "high", "urgent"};
    private static final String[] TYPE_POOL = {"question", "question", "incident", "problem", "task"};

    private final Core core;

    Seeder(Core core) {
        this.core = core;
    }

    private ObjectNode put(String table, long id, ObjectNode input, long atMillis) {
        Spec spec = core.resources.spec(table);
        ObjectNode obj = spec.defaults.make(id, atMillis, ADMIN_USER_ID);
        input.fields().forEachRemaining(f -> obj.set(f.getKey(), f.getValue()));
        obj.put("id", id);
        spec.normalize(obj);
        if (table.equals(Db.TICKET_FIELDS)) {
            spec.validate(core, obj, null); // also numbers the dropdown options
        }
        core.db.t(table).put(new Entity(id, obj, atMillis / 1000, atMillis));
        return obj;
    }

    private long next(String table) {
        return core.db.t(table).nextId();
    }

    /** The account's built-in data. Called inside a Db write. */
    void base() {
        long at = core.now() - 400 * DAY;
        put(Db.USERS, next(Db.USERS), Json.obj("name", "Emulator Admin", "email", ZendeskEmulator.ADMIN_EMAIL, "role", "admin",
                "verified", true, "restricted_agent", false, "default_group_id", DEFAULT_GROUP_ID), at);
        put(Db.GROUPS, next(Db.GROUPS), Json.obj("name", "Support", "default", true, "description", "Default group"), at);
        String[][] system = {{"subject", "Subject"}, {"description", "Description"}, {"status", "Status"},
                {"tickettype", "Type"}, {"priority", "Priority"}, {"group", "Group"}, {"assignee", "Assignee"}};
        int pos = 0;
        for (String[] f : system) {
            put(Db.TICKET_FIELDS, next(Db.TICKET_FIELDS), Json.obj("type", f[0], "title", f[1], "removable", false,
                    "position", pos++, "required", f[0].equals("subject") || f[0].equals("description")), at);
        }
        put(Db.PERMISSION_GROUPS, next(Db.PERMISSION_GROUPS), Json.obj("name", "Admins", "built_in", true), at);
    }

    /** Realistic data, about {@code tickets} tickets. Called inside a Db write, after {@link #base()}. */
    void seed(int tickets) {
        Random r = new Random(7919L * tickets + 17);
        long now = core.now();
        long start = now - 90 * DAY;
        long early = start - 10 * DAY;

        List<Long> groups = new ArrayList<>(List.of(DEFAULT_GROUP_ID));
        for (String g : new String[]{"Tier 2", "Billing", "Shipping"}) {
            groups.add(put(Db.GROUPS, next(Db.GROUPS), Json.obj("name", g, "description", g + " team"), early).get("id").asLong());
        }
        int orgCount = Math.max(5, tickets / 50);
        List<Long> orgs = new ArrayList<>();
        for (int i = 0; i < orgCount; i++) {
            String base = COMPANIES[i % COMPANIES.length];
            String name = i < COMPANIES.length ? base : base + " " + (i / COMPANIES.length + 1);
            String domain = name.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example.com";
            ArrayNode tags = Json.arr().add(i % 3 == 0 ? "enterprise" : "smb");
            orgs.add(put(Db.ORGANIZATIONS, next(Db.ORGANIZATIONS), Json.obj("name", name, "external_id", "org-" + (1000 + i),
                    "domain_names", Json.arr().add(domain), "tags", tags, "details", base + " HQ"), early + i * 60_000L).get("id").asLong());
        }
        List<Long> agents = new ArrayList<>(List.of(ADMIN_USER_ID));
        for (int i = 0; i < 10; i++) {
            String name = FIRST[i % FIRST.length] + " " + LAST[(i * 7) % LAST.length];
            agents.add(put(Db.USERS, next(Db.USERS), Json.obj("name", name, "email", "agent" + (i + 1) + "@example.com",
                    "role", i == 0 ? "admin" : "agent", "verified", true, "default_group_id", groups.get(i % groups.size()),
                    "restricted_agent", false), early + i * 1000L).get("id").asLong());
        }
        int endUserCount = Math.max(20, tickets / 5);
        List<Long> endUsers = new ArrayList<>();
        List<Long> endUserOrgs = new ArrayList<>();
        for (int i = 0; i < endUserCount; i++) {
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            Long org = r.nextInt(10) < 8 ? orgs.get(r.nextInt(orgs.size())) : null;
            ObjectNode in = Json.obj("name", first + " " + last, "email", (first + "." + last + "." + (i + 1)).toLowerCase() + "@customer.example.org",
                    "role", "end-user", "verified", true, "external_id", "cust-" + (10000 + i), "organization_id", org,
                    "tags", r.nextInt(5) == 0 ? Json.arr().add("vip") : Json.arr());
            endUsers.add(put(Db.USERS, next(Db.USERS), in, start + (long) (r.nextDouble() * 30 * DAY)).get("id").asLong());
            endUserOrgs.add(org);
        }

        long productField = put(Db.TICKET_FIELDS, next(Db.TICKET_FIELDS), Json.obj("type", "tagger", "title", "Product",
                "description", "Which product is this about?", "custom_field_options", options(PRODUCT_NAMES, PRODUCTS),
                "position", 10, "key", "product"), early).get("id").asLong();
        long regionField = put(Db.TICKET_FIELDS, next(Db.TICKET_FIELDS), Json.obj("type", "tagger", "title", "Region",
                "custom_field_options", options(new String[]{"EMEA", "AMER", "APAC"}, new String[]{"emea", "amer", "apac"}),
                "position", 11, "key", "region"), early).get("id").asLong();
        long orderField = put(Db.TICKET_FIELDS, next(Db.TICKET_FIELDS), Json.obj("type", "integer", "title", "Order number",
                "position", 12, "key", "order_number"), early).get("id").asLong();
        long vipField = put(Db.TICKET_FIELDS, next(Db.TICKET_FIELDS), Json.obj("type", "checkbox", "title", "VIP",
                "tag", "vip_ticket", "position", 13, "key", "vip"), early).get("id").asLong();
        put(Db.TICKET_FIELDS, next(Db.TICKET_FIELDS), Json.obj("type", "textarea", "title", "Internal notes",
                "position", 14, "key", "internal_notes"), early);

        seedMacros(groups.get(1), early);
        seedHelpCenter(r, tickets, start);

        // tickets, in id order with increasing creation times
        for (int i = 0; i < tickets; i++) {
            long created = start + (long) ((double) i / Math.max(1, tickets) * 88 * DAY) + r.nextInt(3_600_000);
            int pu = r.nextInt(endUsers.size());
            long requester = endUsers.get(pu);
            Long org = endUserOrgs.get(pu);
            String status = STATUS_POOL[r.nextInt(STATUS_POOL.length)];
            Long assignee = "new".equals(status) ? null : agents.get(r.nextInt(agents.size()));
            int product = r.nextInt(PRODUCTS.length);
            String subjectTpl = SUBJECTS[r.nextInt(SUBJECTS.length)];
            String subject = subjectTpl.contains("%d") ? String.format(subjectTpl, 10000 + r.nextInt(90000)) : String.format(subjectTpl, PRODUCT_NAMES[product]);
            List<String> tags = new ArrayList<>();
            tags.add(PRODUCTS[product]);
            int nTags = r.nextInt(3);
            for (int k = 0; k < nTags; k++) {
                String tg = TAGS[r.nextInt(TAGS.length)];
                if (!tags.contains(tg)) {
                    tags.add(tg);
                }
            }
            String region = new String[]{"emea", "amer", "apac"}[r.nextInt(3)];
            tags.add(region);
            boolean vip = r.nextInt(8) == 0;
            if (vip) {
                tags.add("vip_ticket");
            }
            ArrayNode cf = Json.arr();
            for (Entity f : core.db.t(Db.TICKET_FIELDS).all()) {
                if (!f.json.path("removable").asBoolean(true)) {
                    continue;
                }
                Object value = null;
                if (f.id == productField) {
                    value = PRODUCTS[product];
                } else if (f.id == regionField) {
                    value = region;
                } else if (f.id == orderField && r.nextBoolean()) {
                    value = String.valueOf(100000 + r.nextInt(900000));
                } else if (f.id == vipField) {
                    value = vip;
                }
                cf.add(Json.obj("id", f.id, "value", value));
            }
            int nComments = 1 + r.nextInt(4);
            long updated = Math.min(created + (long) (r.nextDouble() * 5 * DAY), now - 5 * 60_000L);
            updated = Math.max(updated, created);
            List<TicketService.LoadComment> comments = new ArrayList<>();
            for (int c = 0; c < nComments; c++) {
                long at = created + (nComments == 1 ? 0 : (updated - created) * c / (nComments - 1));
                boolean fromAgent = c % 2 == 1 && assignee != null;
                String body = c == 0 ? BODIES[r.nextInt(3)] + "\n\n" + subject : BODIES[r.nextInt(BODIES.length)];
                boolean pub = !(fromAgent && body.startsWith("Internal"));
                comments.add(new TicketService.LoadComment(body, fromAgent ? assignee : requester, pub, at));
            }
            ObjectNode fields = Json.obj("subject", subject, "status", status, "priority", PRIORITY_POOL[r.nextInt(PRIORITY_POOL.length)],
                    "type", TYPE_POOL[r.nextInt(TYPE_POOL.length)], "requester_id", requester, "submitter_id", requester,
                    "assignee_id", assignee, "group_id", assignee == null ? null : groups.get(r.nextInt(groups.size())),
                    "organization_id", org, "tags", Json.stringArray(tags), "external_id", r.nextInt(4) == 0 ? "ext-" + (i + 1) : null,
                    "via_channel", r.nextBoolean() ? "email" : "web");
            if (r.nextInt(6) == 0) {
                fields.set("collaborator_ids", Json.arr().add(agents.get(r.nextInt(agents.size()))));
            }
            core.tickets.load(fields, comments, created, updated, cf);
        }
    }

    private static ArrayNode options(String[] names, String[] values) {
        ArrayNode a = Json.arr();
        for (int i = 0; i < names.length; i++) {
            a.add(Json.obj("name", names[i], "value", values[i]));
        }
        return a;
    }

    private void seedMacros(long tier2, long at) {
        Object[][] macros = {
                {"Close and thank", new String[][]{{"status", "solved"}, {"comment_value", "Thanks for reaching out, {{ticket.requester.first_name}}! We are closing this ticket."}}},
                {"Escalate to Tier 2", new String[][]{{"group_id", String.valueOf(tier2)}, {"priority", "high"}, {"current_tags", "escalated"}}},
                {"Request more information", new String[][]{{"status", "pending"}, {"comment_value", "Could you send us a screenshot and the exact error message?"}, {"comment_mode_is_public", "true"}}},
                {"Mark as spam", new String[][]{{"set_tags", "spam"}, {"status", "solved"}}},
                {"Take it", new String[][]{{"assignee_id", "current_user"}, {"status", "open"}}},
                {"Internal note: waiting on engineering", new String[][]{{"comment_value", "Waiting on engineering (ticket {{ticket.id}})."}, {"comment_mode_is_public", "false"}, {"status", "hold"}}},
        };
        int pos = 1;
        for (Object[] m : macros) {
            ArrayNode actions = Json.arr();
            for (String[] a : (String[][]) m[1]) {
                actions.add(Json.obj("field", a[0], "value", a[1]));
            }
            put(Db.MACROS, next(Db.MACROS), Json.obj("title", m[0], "actions", actions, "position", pos++), at);
        }
    }

    private void seedHelpCenter(Random r, int tickets, long start) {
        String[][] cats = {{"Getting started", "Set up your account", "Invite your team"},
                {"Billing", "Invoices and payments", "Plans and upgrades"},
                {"Troubleshooting", "Login problems", "Integrations"}};
        int articles = Math.max(10, tickets / 20);
        List<Long> sections = new ArrayList<>();
        int cpos = 0;
        for (String[] c : cats) {
            long cid = put(Db.CATEGORIES, next(Db.CATEGORIES), Json.obj("name", c[0], "description", c[0] + " guides", "position", cpos++), start).get("id").asLong();
            for (int s = 1; s < c.length; s++) {
                sections.add(put(Db.SECTIONS, next(Db.SECTIONS), Json.obj("name", c[s], "category_id", cid, "position", s), start).get("id").asLong());
            }
        }
        String[] topics = {"reset your password", "export your data", "set up two-factor authentication", "download an invoice",
                "change your plan", "connect the API", "invite an agent", "configure webhooks", "fix sync errors", "use macros"};
        for (int i = 0; i < articles; i++) {
            String topic = topics[i % topics.length];
            String title = "How to " + topic + (i >= topics.length ? " (part " + (i / topics.length + 1) + ")" : "");
            long at = start + (long) i * 3_600_000L;
            put(Db.ARTICLES, next(Db.ARTICLES), Json.obj("title", title, "body", "<p>This article explains how to " + topic
                            + ".</p><ol><li>Open settings.</li><li>Follow the steps.</li></ol>", "section_id", sections.get(i % sections.size()),
                    "permission_group_id", PERMISSION_GROUP_ID, "user_segment_id", null, "author_id", ADMIN_USER_ID,
                    "label_names", Json.arr().add(topic.split(" ")[0]), "promoted", r.nextInt(10) == 0, "position", i), at);
        }
    }

    /** Bulk load of simple tickets with controlled timestamps (admin). Inside a Db write. */
    public List<Long> bulkTickets(int count, long firstMillis, long stepMillis, String subjectPrefix) {
        List<Long> ids = new ArrayList<>(count);
        ArrayNode cf = core.tickets.emptyCustomFields();
        for (int i = 0; i < count; i++) {
            long at = firstMillis + i * stepMillis;
            ObjectNode fields = Json.obj("subject", subjectPrefix + " " + (i + 1), "status", "open", "priority", "normal",
                    "requester_id", ADMIN_USER_ID, "submitter_id", ADMIN_USER_ID, "via_channel", "api");
            ids.add(core.tickets.load(fields, List.of(new TicketService.LoadComment("Bulk-loaded ticket " + (i + 1), ADMIN_USER_ID, true, at)),
                    at, at, cf));
        }
        return ids;
    }
}
