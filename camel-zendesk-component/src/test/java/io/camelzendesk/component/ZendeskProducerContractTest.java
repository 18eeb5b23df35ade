package io.camelzendesk.component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelzendesk.model.Article;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.Category;
import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Group;
import io.camelzendesk.model.Macro;
import io.camelzendesk.model.Organization;
import io.camelzendesk.model.Section;
import io.camelzendesk.model.Tag;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.TicketField;
import io.camelzendesk.model.Translation;
import io.camelzendesk.model.Upload;
import io.camelzendesk.model.User;
import io.camelzendesk.model.ZendeskObject;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.camelzendesk.component.ZendeskConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource x operation of the producer, through {@code zendesk:<resource>?operation=<op>} endpoints, against
 * WireMock answering with Zendesk-shaped bodies: what goes over the wire (method, path, query, envelope, headers),
 * how many requests, and what the route gets back.
 */
class ZendeskProducerContractTest extends ZendeskTestSupport {

    /** One HTTP exchange of an operation: what must be sent and what WireMock answers. */
    record Call(String method, String path, Map<String, String> query, String json, int status, String response,
            String contentType) {

        static Call of(String method, String path) {
            return new Call(method, path, Map.of(), null, 200, null, null);
        }

        Call query(String... kv) {
            Map<String, String> q = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                q.put(kv[i], kv[i + 1]);
            }
            return new Call(method, path, q, json, status, response, contentType);
        }

        Call json(String expected) {
            return new Call(method, path, query, expected, status, response, contentType);
        }

        Call bytes(String contentType) {
            return new Call(method, path, query, json, status, response, contentType);
        }

        Call answer(int status, String fixture) {
            return new Call(method, path, query, json, status, fixture, contentType);
        }
    }

    /** An operation, its inputs, the calls it must make, and a check of the exchange afterwards. */
    record Case(String resource, String operation, Map<String, Object> headers, Object body, List<Call> calls,
            BiConsumer<Exchange, List<Object>> check) {

        @Override
        public String toString() {
            return resource + "." + operation + (headers.containsKey(PARENT_ID) && "list".equals(operation)
                    ? " (by parent)" : "");
        }
    }

    static Case op(String resource, String operation, Map<String, Object> headers, Object body,
            BiConsumer<Exchange, List<Object>> check, Call... calls) {
        return new Case(resource, operation, headers, body, List.of(calls), check);
    }

    static Map<String, Object> id(long id) {
        return Map.of(ID, id);
    }

    static Map<String, Object> none() {
        return Map.of();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- checks

    /** The body is the model, with the id of the fixture and the HTTP status in the header. */
    static BiConsumer<Exchange, List<Object>> model(Class<? extends ZendeskObject> type, long id, int status) {
        return (ex, items) -> {
            assertThat(ex.getMessage().getBody()).isInstanceOf(type);
            assertThat(((ZendeskObject) ex.getMessage().getBody()).getId()).isEqualTo(id);
            assertThat(ex.getMessage().getHeader(RESPONSE_CODE)).isEqualTo(status);
        };
    }

    /** A lazy list whose items are of this type. */
    static BiConsumer<Exchange, List<Object>> items(Class<?> type, int count) {
        return (ex, items) -> {
            assertThat(items).hasSize(count).allSatisfy(i -> assertThat(i).isInstanceOf(type));
        };
    }

    static BiConsumer<Exchange, List<Object>> nothing(int status) {
        return (ex, items) -> {
            assertThat(ex.getMessage().getBody()).isNull();
            assertThat(ex.getMessage().getHeader(RESPONSE_CODE)).isEqualTo(status);
        };
    }

    static BiConsumer<Exchange, List<Object>> bulk(int count, long firstId) {
        return (ex, items) -> {
            BulkResult r = ex.getMessage().getBody(BulkResult.class);
            assertThat(r.items()).hasSize(count);
            assertThat(r.items()).extracting(BulkResult.Item::index).containsExactly(
                    java.util.stream.IntStream.range(0, count).boxed().toArray(Integer[]::new));
            assertThat(r.items().get(0).id()).isEqualTo(firstId);
            assertThat(r.hasFailures()).isFalse();
            assertThat(ex.getMessage().getHeader(JOB_STATUSES, List.class)).hasSize(1);
        };
    }

    static BiConsumer<Exchange, List<Object>> tags(String... expected) {
        return (ex, items) -> {
            assertThat(ex.getMessage().getBody(List.class)).containsExactly((Object[]) expected);
            assertThat(ex.getMessage().getHeader(RESPONSE_CODE)).isEqualTo(200);
        };
    }

    /** Job status polls of bulk operations: a queued job, then (on the poll) completed with one result per item. */
    static Call job(String method, String path, String json, String jobId) {
        return Call.of(method, path).json(json).answer(200, "job:" + jobId);
    }

    static Call poll(String jobId) {
        return Call.of("GET", "/api/v2/job_statuses/" + jobId).answer(200, "done:" + jobId);
    }

    static Stream<Case> cases() {
        String ticketJson = "{\"ticket\":{\"subject\":\"Help, my printer is on fire!\",\"priority\":\"high\","
                            + "\"comment\":{\"body\":\"The fire is very colorful.\",\"public\":true}}}";
        Ticket newTicket = new Ticket().setSubject("Help, my printer is on fire!").setPriority("high")
                .setComment(new Comment("The fire is very colorful.", true));
        List<Object> twoTickets = List.of(new Ticket().setSubject("First"), new Ticket().setSubject("Second"));
        String twoTicketsJson = "{\"tickets\":[{\"subject\":\"First\"},{\"subject\":\"Second\"}]}";
        String userJson = "{\"user\":{\"name\":\"Roger Wilco\",\"email\":\"roger@example.org\",\"external_id\":\"crm-4421\"}}";
        Map<String, Object> userMap = map("name", "Roger Wilco", "email", "roger@example.org", "external_id", "crm-4421");
        String orgJson = "{\"organization\":{\"name\":\"Acme Inc\",\"external_id\":\"acme-1\",\"domain_names\":[\"acme.example.com\"]}}";
        Map<String, Object> orgMap = map("name", "Acme Inc", "external_id", "acme-1", "domain_names",
                List.of("acme.example.com"));
        String twoUsers = "[{\"name\":\"A\",\"email\":\"a@example.org\"},{\"name\":\"B\",\"email\":\"b@example.org\"}]";
        String twoUsersJson = "{\"users\":" + twoUsers + "}";
        long t = 35436, u = 20978392, o = 509974, g = 98738, a = 360001234567L, s = 360000112233L, c = 360000011122L,
                m = 360111, f = 27648;

        return Stream.of(
                // ---- tickets
                op("tickets", "create", none(), newTicket, model(Ticket.class, t, 201),
                        Call.of("POST", "/api/v2/tickets").json(ticketJson).answer(201, "ticket.json")),
                op("tickets", "get", id(t), null, model(Ticket.class, t, 200),
                        Call.of("GET", "/api/v2/tickets/35436").answer(200, "ticket.json")),
                op("tickets", "update", id(t), map("status", "solved"), model(Ticket.class, t, 200),
                        Call.of("PUT", "/api/v2/tickets/35436").json("{\"ticket\":{\"status\":\"solved\"}}")
                                .answer(200, "ticket.json")),
                op("tickets", "delete", id(t), null, nothing(204),
                        Call.of("DELETE", "/api/v2/tickets/35436").answer(204, null)),
                op("tickets", "list", none(), null, items(Ticket.class, 2),
                        Call.of("GET", "/api/v2/tickets").query("page[size]", "100").answer(200, "tickets.json")),
                op("tickets", "search", Map.of(QUERY, "status:open"), null, items(Ticket.class, 1),
                        Call.of("GET", "/api/v2/search").query("query", "type:ticket status:open", "per_page", "100")
                                .answer(200, "search_tickets.json")),
                op("tickets", "createMany", none(), twoTickets, bulk(2, 1000),
                        job("POST", "/api/v2/tickets/create_many", twoTicketsJson, "tc1"), poll("tc1")),
                op("tickets", "updateMany", none(),
                        "[{\"id\":35436,\"status\":\"solved\"},{\"id\":35437,\"status\":\"pending\"}]", bulk(2, 1000),
                        job("PUT", "/api/v2/tickets/update_many",
                                "{\"tickets\":[{\"id\":35436,\"status\":\"solved\"},{\"id\":35437,\"status\":\"pending\"}]}",
                                "tu1"), poll("tu1")),
                op("tickets", "deleteMany", none(), List.of(35436L, 35437L), bulk(2, 1000),
                        Call.of("DELETE", "/api/v2/tickets/destroy_many").query("ids", "35436,35437")
                                .answer(200, "job:td1"), poll("td1")),
                op("tickets", "addComment", id(t), "Please unplug it.", model(Ticket.class, t, 200),
                        Call.of("PUT", "/api/v2/tickets/35436")
                                .json("{\"ticket\":{\"comment\":{\"body\":\"Please unplug it.\",\"public\":true}}}")
                                .answer(200, "ticket.json")),
                op("tickets", "listComments", id(t), null, items(Comment.class, 2),
                        Call.of("GET", "/api/v2/tickets/35436/comments").query("page[size]", "100")
                                .answer(200, "comments.json")),
                op("tickets", "addTags", id(t), List.of("urgent"), tags("enterprise", "other_tag", "urgent"),
                        Call.of("PUT", "/api/v2/tickets/35436/tags").json("{\"tags\":[\"urgent\"]}")
                                .answer(200, "object_tags.json")),
                op("tickets", "setTags", map(ID, t, TAGS, "enterprise, other_tag,urgent"), null,
                        tags("enterprise", "other_tag", "urgent"),
                        Call.of("POST", "/api/v2/tickets/35436/tags")
                                .json("{\"tags\":[\"enterprise\",\"other_tag\",\"urgent\"]}")
                                .answer(200, "object_tags.json")),
                op("tickets", "removeTags", id(t), "{\"tags\":[\"obsolete\"]}", tags("enterprise", "other_tag", "urgent"),
                        Call.of("DELETE", "/api/v2/tickets/35436/tags").json("{\"tags\":[\"obsolete\"]}")
                                .answer(200, "object_tags.json")),

                // ---- users
                op("users", "create", none(), userMap, model(User.class, u, 201),
                        Call.of("POST", "/api/v2/users").json(userJson).answer(201, "user.json")),
                op("users", "createOrUpdate", none(), userJson, model(User.class, u, 200),
                        Call.of("POST", "/api/v2/users/create_or_update").json(userJson).answer(200, "user.json")),
                op("users", "get", id(u), null, model(User.class, u, 200),
                        Call.of("GET", "/api/v2/users/20978392").answer(200, "user.json")),
                op("users", "update", id(u), new User().set("notes", "Prefers email"), model(User.class, u, 200),
                        Call.of("PUT", "/api/v2/users/20978392").json("{\"user\":{\"notes\":\"Prefers email\"}}")
                                .answer(200, "user.json")),
                op("users", "delete", id(u), null, nothing(200),
                        Call.of("DELETE", "/api/v2/users/20978392").answer(200, "user.json")),
                op("users", "list", none(), null, items(User.class, 2),
                        Call.of("GET", "/api/v2/users").query("page[size]", "100").answer(200, "users.json")),
                op("users", "search", Map.of(QUERY, "email:roger@example.org"), null, items(User.class, 1),
                        Call.of("GET", "/api/v2/search").query("query", "type:user email:roger@example.org",
                                "per_page", "100").answer(200, "search_users.json")),
                op("users", "me", none(), null, model(User.class, 76872, 200),
                        Call.of("GET", "/api/v2/users/me").answer(200, "me.json")),
                op("users", "createMany", none(), twoUsers, bulk(2, 1000),
                        job("POST", "/api/v2/users/create_many", twoUsersJson, "uc1"), poll("uc1")),
                op("users", "createOrUpdateMany", none(), twoUsersJson, bulk(2, 1000),
                        job("POST", "/api/v2/users/create_or_update_many", twoUsersJson, "uu1"), poll("uu1")),
                op("users", "addTags", id(u), List.of("urgent"), tags("enterprise", "other_tag", "urgent"),
                        Call.of("PUT", "/api/v2/users/20978392/tags").json("{\"tags\":[\"urgent\"]}")
                                .answer(200, "object_tags.json")),
                op("users", "setTags", id(u), List.of("vip"), tags("enterprise", "other_tag", "urgent"),
                        Call.of("POST", "/api/v2/users/20978392/tags").json("{\"tags\":[\"vip\"]}")
                                .answer(200, "object_tags.json")),
                op("users", "removeTags", id(u), List.of("vip"), tags("enterprise", "other_tag", "urgent"),
                        Call.of("DELETE", "/api/v2/users/20978392/tags").json("{\"tags\":[\"vip\"]}")
                                .answer(200, "object_tags.json")),

                // ---- organizations
                op("organizations", "create", none(), orgMap, model(Organization.class, o, 201),
                        Call.of("POST", "/api/v2/organizations").json(orgJson).answer(201, "organization.json")),
                op("organizations", "createOrUpdate", none(), orgJson, model(Organization.class, o, 200),
                        Call.of("POST", "/api/v2/organizations/create_or_update").json(orgJson)
                                .answer(200, "organization.json")),
                op("organizations", "get", id(o), null, model(Organization.class, o, 200),
                        Call.of("GET", "/api/v2/organizations/509974").answer(200, "organization.json")),
                op("organizations", "update", id(o), map("notes", "Renewal in May"), model(Organization.class, o, 200),
                        Call.of("PUT", "/api/v2/organizations/509974")
                                .json("{\"organization\":{\"notes\":\"Renewal in May\"}}").answer(200, "organization.json")),
                op("organizations", "delete", id(o), null, nothing(204),
                        Call.of("DELETE", "/api/v2/organizations/509974").answer(204, null)),
                op("organizations", "list", none(), null, items(Organization.class, 2),
                        Call.of("GET", "/api/v2/organizations").query("page[size]", "100")
                                .answer(200, "organizations.json")),
                op("organizations", "search", Map.of(QUERY, "name:Acme"), null, items(Organization.class, 1),
                        Call.of("GET", "/api/v2/search").query("query", "type:organization name:Acme", "per_page", "100")
                                .answer(200, "search_organizations.json")),
                op("organizations", "createMany", none(), List.of(map("name", "A"), map("name", "B")), bulk(2, 1000),
                        job("POST", "/api/v2/organizations/create_many",
                                "{\"organizations\":[{\"name\":\"A\"},{\"name\":\"B\"}]}", "oc1"), poll("oc1")),
                op("organizations", "addTags", id(o), List.of("urgent"), tags("enterprise", "other_tag", "urgent"),
                        Call.of("PUT", "/api/v2/organizations/509974/tags").json("{\"tags\":[\"urgent\"]}")
                                .answer(200, "object_tags.json")),
                op("organizations", "setTags", id(o), List.of("urgent"), tags("enterprise", "other_tag", "urgent"),
                        Call.of("POST", "/api/v2/organizations/509974/tags").json("{\"tags\":[\"urgent\"]}")
                                .answer(200, "object_tags.json")),
                op("organizations", "removeTags", id(o), List.of("urgent"), tags("enterprise", "other_tag", "urgent"),
                        Call.of("DELETE", "/api/v2/organizations/509974/tags").json("{\"tags\":[\"urgent\"]}")
                                .answer(200, "object_tags.json")),

                // ---- groups
                op("groups", "create", none(), map("name", "Level 2 support"), model(Group.class, g, 201),
                        Call.of("POST", "/api/v2/groups").json("{\"group\":{\"name\":\"Level 2 support\"}}")
                                .answer(201, "group.json")),
                op("groups", "get", id(g), null, model(Group.class, g, 200),
                        Call.of("GET", "/api/v2/groups/98738").answer(200, "group.json")),
                op("groups", "update", id(g), "{\"group\":{\"description\":\"Escalations from level 1\"}}",
                        model(Group.class, g, 200),
                        Call.of("PUT", "/api/v2/groups/98738")
                                .json("{\"group\":{\"description\":\"Escalations from level 1\"}}")
                                .answer(200, "group.json")),
                op("groups", "delete", id(g), null, nothing(204),
                        Call.of("DELETE", "/api/v2/groups/98738").answer(204, null)),
                op("groups", "list", none(), null, items(Group.class, 2),
                        Call.of("GET", "/api/v2/groups").query("page[size]", "100").answer(200, "groups.json")),

                // ---- Help Center articles, sections, categories
                op("articles", "create", map(PARENT_ID, s, LOCALE, "en-us"),
                        map("title", "Printer fires", "body", "<p>Unplug the printer first.</p>",
                                "user_segment_id", null, "permission_group_id", 1234),
                        model(Article.class, a, 201),
                        Call.of("POST", "/api/v2/help_center/sections/360000112233/articles")
                                .json("{\"article\":{\"title\":\"Printer fires\",\"body\":\"<p>Unplug the printer"
                                      + " first.</p>\",\"user_segment_id\":null,\"permission_group_id\":1234,"
                                      + "\"locale\":\"en-us\"}}")
                                .answer(201, "article.json")),
                op("articles", "get", id(a), null, model(Article.class, a, 200),
                        Call.of("GET", "/api/v2/help_center/articles/360001234567").answer(200, "article.json")),
                op("articles", "update", id(a), map("label_names", List.of("printer", "fire")),
                        model(Article.class, a, 200),
                        Call.of("PUT", "/api/v2/help_center/articles/360001234567")
                                .json("{\"article\":{\"label_names\":[\"printer\",\"fire\"]}}")
                                .answer(200, "article.json")),
                op("articles", "updateTranslation", map(ID, a, LOCALE, "fr"),
                        map("title", "Imprimante en feu", "body", "<p>Débranchez d'abord l'imprimante.</p>"),
                        (ex, items) -> {
                            assertThat(ex.getMessage().getBody(Translation.class).getLocale()).isEqualTo("fr");
                            assertThat(ex.getMessage().getHeader(RESPONSE_CODE)).isEqualTo(200);
                        },
                        Call.of("PUT", "/api/v2/help_center/articles/360001234567/translations/fr")
                                .json("{\"translation\":{\"title\":\"Imprimante en feu\","
                                      + "\"body\":\"<p>Débranchez d'abord l'imprimante.</p>\"}}")
                                .answer(200, "translation.json")),
                op("articles", "delete", id(a), null, nothing(204),
                        Call.of("DELETE", "/api/v2/help_center/articles/360001234567").answer(204, null)),
                op("articles", "list", none(), null, items(Article.class, 1),
                        Call.of("GET", "/api/v2/help_center/articles").query("page[size]", "100")
                                .answer(200, "articles.json")),
                op("articles", "list", Map.of(PARENT_ID, s), null, items(Article.class, 1),
                        Call.of("GET", "/api/v2/help_center/sections/360000112233/articles").query("page[size]", "100")
                                .answer(200, "articles.json")),
                op("articles", "search", Map.of(QUERY, "printer fire"), null, items(Article.class, 1),
                        Call.of("GET", "/api/v2/help_center/articles/search").query("query", "printer fire",
                                "per_page", "100").answer(200, "search_articles.json")),
                op("sections", "create", Map.of(PARENT_ID, c), map("name", "Troubleshooting", "locale", "en-us"),
                        model(Section.class, s, 201),
                        Call.of("POST", "/api/v2/help_center/categories/360000011122/sections")
                                .json("{\"section\":{\"name\":\"Troubleshooting\",\"locale\":\"en-us\"}}")
                                .answer(201, "section.json")),
                op("sections", "get", id(s), null, model(Section.class, s, 200),
                        Call.of("GET", "/api/v2/help_center/sections/360000112233").answer(200, "section.json")),
                op("sections", "list", none(), null, items(Section.class, 1),
                        Call.of("GET", "/api/v2/help_center/sections").query("page[size]", "100")
                                .answer(200, "sections.json")),
                op("categories", "create", none(), map("name", "Hardware", "locale", "en-us"),
                        model(Category.class, c, 201),
                        Call.of("POST", "/api/v2/help_center/categories")
                                .json("{\"category\":{\"name\":\"Hardware\",\"locale\":\"en-us\"}}")
                                .answer(201, "category.json")),
                op("categories", "get", id(c), null, model(Category.class, c, 200),
                        Call.of("GET", "/api/v2/help_center/categories/360000011122").answer(200, "category.json")),
                op("categories", "list", none(), null, items(Category.class, 1),
                        Call.of("GET", "/api/v2/help_center/categories").query("page[size]", "100")
                                .answer(200, "categories.json")),

                // ---- macros
                op("macros", "create", none(),
                        map("title", "Close and thank", "actions", List.of(map("field", "status", "value", "solved"))),
                        model(Macro.class, m, 201),
                        Call.of("POST", "/api/v2/macros").json("{\"macro\":{\"title\":\"Close and thank\","
                                                               + "\"actions\":[{\"field\":\"status\",\"value\":\"solved\"}]}}")
                                .answer(201, "macro.json")),
                op("macros", "get", id(m), null, model(Macro.class, m, 200),
                        Call.of("GET", "/api/v2/macros/360111").answer(200, "macro.json")),
                op("macros", "update", id(m), map("active", false), model(Macro.class, m, 200),
                        Call.of("PUT", "/api/v2/macros/360111").json("{\"macro\":{\"active\":false}}")
                                .answer(200, "macro.json")),
                op("macros", "delete", id(m), null, nothing(204),
                        Call.of("DELETE", "/api/v2/macros/360111").answer(204, null)),
                op("macros", "list", none(), null, items(Macro.class, 1),
                        Call.of("GET", "/api/v2/macros").query("page[size]", "100").answer(200, "macros.json")),
                op("macros", "listActive", none(), null, items(Macro.class, 1),
                        Call.of("GET", "/api/v2/macros/active").query("page[size]", "100").answer(200, "macros.json")),
                op("macros", "apply", map(ID, m, PARENT_ID, t), null, (ex, items) -> {
                    Ticket preview = ex.getMessage().getBody(Ticket.class);
                    assertThat(preview.getStatus()).isEqualTo("solved");
                    assertThat(preview.getTags()).contains("closed_by_macro");
                    assertThat(preview.get("comment")).isInstanceOf(Comment.class);
                },
                        Call.of("GET", "/api/v2/tickets/35436/macros/360111/apply").answer(200, "macro_apply.json")),
                op("macros", "applyAndSave", map(ID, m, PARENT_ID, t), null, (ex, items) -> {
                    Ticket saved = ex.getMessage().getBody(Ticket.class);
                    assertThat(saved.getStatus()).isEqualTo("solved");
                    assertThat(saved.getUpdatedAt()).hasToString("2024-08-06T09:00:00Z");
                },
                        Call.of("GET", "/api/v2/tickets/35436/macros/360111/apply").answer(200, "macro_apply.json"),
                        Call.of("PUT", "/api/v2/tickets/35436").json(null).answer(200, "ticket_solved_by_macro.json")),

                // ---- account tags
                op("tags", "list", none(), null, (ex, items) -> {
                    assertThat(items).hasSize(3).allSatisfy(i -> assertThat(i).isInstanceOf(Tag.class));
                    assertThat(((Tag) items.get(0)).getName()).isEqualTo("important");
                    assertThat(((Tag) items.get(0)).getCount()).isEqualTo(47);
                }, Call.of("GET", "/api/v2/tags").query("page[size]", "100").answer(200, "tags.json")),

                // ---- ticket fields
                op("ticket_fields", "create", none(),
                        new TicketField().setType("tagger").setTitle("Customer tier").set("custom_field_options",
                                List.of(map("name", "Premium", "value", "tier_premium"))),
                        model(TicketField.class, f, 201),
                        Call.of("POST", "/api/v2/ticket_fields").json("{\"ticket_field\":{\"type\":\"tagger\","
                                + "\"title\":\"Customer tier\",\"custom_field_options\":[{\"name\":\"Premium\","
                                + "\"value\":\"tier_premium\"}]}}").answer(201, "ticket_field.json")),
                op("ticket_fields", "get", id(f), null, model(TicketField.class, f, 200),
                        Call.of("GET", "/api/v2/ticket_fields/27648").answer(200, "ticket_field.json")),
                op("ticket_fields", "update", id(f), map("description", "Support plan"),
                        model(TicketField.class, f, 200),
                        Call.of("PUT", "/api/v2/ticket_fields/27648")
                                .json("{\"ticket_field\":{\"description\":\"Support plan\"}}")
                                .answer(200, "ticket_field.json")),
                op("ticket_fields", "delete", id(f), null, nothing(204),
                        Call.of("DELETE", "/api/v2/ticket_fields/27648").answer(204, null)),
                op("ticket_fields", "list", none(), null, items(TicketField.class, 6),
                        Call.of("GET", "/api/v2/ticket_fields").query("page[size]", "100")
                                .answer(200, "ticket_fields.json")),

                // ---- uploads
                op("uploads", "upload", map(FILE_NAME, "crash.log", Exchange.CONTENT_TYPE, "text/plain"),
                        "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8), (ex, items) -> {
                            Upload up = ex.getMessage().getBody(Upload.class);
                            assertThat(up.getToken()).isEqualTo("6bk3gql82em5nmf");
                            assertThat(up.getAttachment()).containsEntry("file_name", "crash.log");
                            assertThat(ex.getMessage().getHeader(RESPONSE_CODE)).isEqualTo(201);
                        },
                        Call.of("POST", "/api/v2/uploads").query("filename", "crash.log").bytes("text/plain")
                                .answer(201, "upload.json")));
    }

    /** A job status answer: queued on the create, completed (one result per item) on the poll. */
    private String jobAnswer(String response, int items) {
        boolean done = response.startsWith("done:");
        String jobId = response.substring(response.indexOf(':') + 1);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", jobId);
        job.put("url", wm.baseUrl() + "/api/v2/job_statuses/" + jobId + ".json");
        job.put("job_type", "Bulk Create Job");
        job.put("total", items);
        job.put("progress", done ? items : null);
        job.put("status", done ? "completed" : "queued");
        job.put("message", done ? "Completed at " + "2024-08-06T09:00:00+00:00" : null);
        List<Object> results = new ArrayList<>();
        for (int i = 0; done && i < items; i++) {
            results.add(map("index", i, "id", 1000 + i, "action", "create", "status", "Created", "success", true));
        }
        job.put("results", done ? results : null);
        try {
            return io.camelzendesk.client.ZendeskJson.MAPPER.writeValueAsString(Map.of("job_status", job));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void operation(Case c) {
        int items = c.body() instanceof List<?> l ? l.size() : 2;
        for (Call call : c.calls()) {
            String body = call.response() == null ? null
                    : call.response().contains(":") ? jobAnswer(call.response(), items) : fixture(call.response());
            wm.stubFor(request(call.method(), urlPathEqualTo(call.path())).willReturn(body == null
                    ? aResponse().withStatus(call.status())
                    : aResponse().withStatus(call.status()).withHeader("Content-Type", "application/json; charset=utf-8")
                            .withBody(body)));
        }

        Exchange ex = template.send("zendesk:" + c.resource() + "?operation=" + c.operation(), e -> {
            e.getMessage().setHeaders(new LinkedHashMap<>(c.headers()));
            e.getMessage().setBody(c.body());
        });
        assertThat(ex.getException()).as("exception").isNull();
        List<Object> drained = drain(ex.getMessage().getBody());

        List<LoggedRequest> sent = requests();
        assertThat(sent).as("requests sent").hasSize(c.calls().size());
        for (int i = 0; i < c.calls().size(); i++) {
            Call call = c.calls().get(i);
            LoggedRequest r = sent.get(i);
            assertThat(r.getMethod().getName() + " " + path(r)).isEqualTo(call.method() + " " + call.path());
            assertThat(query(r)).as("query of %s", r.getUrl()).isEqualTo(call.query());
            assertThat(r.getHeader("Authorization")).isEqualTo(BASIC);
            assertThat(r.getHeader("Accept")).isEqualTo("application/json");
            // a ticket create gets a key of its own (retried safely); nothing else carries one
            boolean ticketCreate = call.method().equals("POST") && path(r).equals("/api/v2/tickets");
            assertThat(r.containsHeader("Idempotency-Key")).as("Idempotency-Key").isEqualTo(ticketCreate);
            if (call.json() != null) {
                assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
                assertJson(r, call.json());
            } else if (call.contentType() != null) {
                assertThat(r.getHeader("Content-Type")).isEqualTo(call.contentType());
                assertThat(r.getBody()).isEqualTo(c.body());
            } else if (!call.method().equals("PUT")) {
                assertThat(r.getBody()).as("body of " + call.method() + " " + call.path()).isEmpty();
            }
        }
        c.check().accept(ex, drained);
    }

    /** The table above covers every operation of every resource the producer supports. */
    @Test
    void everyOperationOfTheResourceTableIsCovered() {
        Set<String> covered = cases().map(c -> c.resource() + "." + c.operation()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> supported = Arrays.stream(ZendeskResource.values())
                .flatMap(r -> r.operations().stream().map(op -> r.uriName() + "." + op))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).isEqualTo(supported);
    }
}
