package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Envelopes, status codes and error bodies of the Support API, from Zendesk's documented examples. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0, incrementalRequestsPerMinute = 0, recentExclusionMillis = 0)
class SupportContractTest {
    Api api;

    @BeforeEach
    void setUp(@EmulatorBaseUrl String baseUrl) {
        api = new Api(baseUrl);
    }

    private long createTicket(String subject) {
        Api.Res r = api.post("/api/v2/tickets.json", "{\"ticket\":{\"subject\":\"" + subject + "\",\"comment\":{\"body\":\"The smoke is very colorful.\"},\"priority\":\"urgent\"}}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("ticket").get("id").asLong();
    }

    @Test
    void createTicketReturns201WithFullTicketAndAudit() {
        Api.Res r = api.post("/api/v2/tickets.json", "{\"ticket\":{\"subject\":\"My printer is on fire!\",\"comment\":{\"body\":\"The smoke is very colorful.\"},\"priority\":\"urgent\",\"tags\":[\"Fire Alarm\",\"printer\"]}}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode t = r.json().get("ticket");
        for (String f : List.of("id", "url", "external_id", "type", "subject", "raw_subject", "description", "priority", "status",
                "recipient", "requester_id", "submitter_id", "assignee_id", "organization_id", "group_id", "collaborator_ids",
                "follower_ids", "tags", "custom_fields", "via", "created_at", "updated_at", "generated_timestamp", "is_public")) {
            assertThat(t.has(f)).as(f).isTrue();
        }
        assertThat(t.get("status").asText()).isEqualTo("new");
        assertThat(t.get("description").asText()).isEqualTo("The smoke is very colorful.");
        assertThat(t.get("url").asText()).isEqualTo(api.base + "/api/v2/tickets/" + t.get("id").asLong() + ".json");
        assertThat(t.get("via").get("channel").asText()).isEqualTo("api");
        assertThat(t.get("tags")).extracting(JsonNode::asText).containsExactly("fire_alarm", "printer");
        assertThat(t.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(r.json().get("audit").get("events").size()).isGreaterThan(1);

        // with and without .json
        assertThat(api.get("/api/v2/tickets/" + t.get("id").asLong()).json().get("ticket").get("subject").asText()).isEqualTo("My printer is on fire!");
    }

    @Test
    void errorsUseZendeskEnvelope() {
        Api.Res nf = api.get("/api/v2/tickets/424242.json");
        assertThat(nf.status()).isEqualTo(404);
        assertThat(nf.json().get("error").asText()).isEqualTo("RecordNotFound");
        assertThat(nf.json().get("description").asText()).isEqualTo("Not found");

        Api.Res invalid = api.post("/api/v2/tickets.json", "{\"ticket\":{\"subject\":\"no comment\",\"status\":\"bogus\"}}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("error").asText()).isEqualTo("RecordInvalid");
        assertThat(invalid.json().get("details").has("description")).isTrue();
        assertThat(invalid.json().get("details").get("status").get(0).get("error").asText()).isEqualTo("InvalidValue");

        api.authorization = null;
        Api.Res unauth = api.get("/api/v2/tickets.json");
        assertThat(unauth.status()).isEqualTo(401);
        assertThat(unauth.body()).isEqualTo("{\"error\":\"Couldn't authenticate you\"}");
        api.authorization = "Basic " + java.util.Base64.getEncoder().encodeToString("admin@example.com/token:wrong".getBytes());
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(401);

        api.authorization = Api.BASIC;
        assertThat(api.get("/api/v2/no_such_thing.json").status()).isEqualTo(404);
    }

    @Test
    void updateAddsCommentsAndDeleteIs204() {
        long id = createTicket("Comments");
        Api.Res up = api.put("/api/v2/tickets/" + id + ".json", "{\"ticket\":{\"status\":\"open\",\"comment\":{\"body\":\"Internal check\",\"public\":false}}}");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("ticket").get("status").asText()).isEqualTo("open");
        api.put("/api/v2/tickets/" + id, "{\"ticket\":{\"comment\":{\"html_body\":\"<p>Hello <b>there</b></p>\"}}}");

        JsonNode comments = api.get("/api/v2/tickets/" + id + "/comments.json").json().get("comments");
        assertThat(comments).hasSize(3);
        assertThat(comments.get(0).get("body").asText()).isEqualTo("The smoke is very colorful.");
        assertThat(comments.get(1).get("public").asBoolean()).isFalse();
        assertThat(comments.get(2).get("html_body").asText()).isEqualTo("<p>Hello <b>there</b></p>");
        assertThat(comments.get(2).get("body").asText()).isEqualTo("Hello there");
        assertThat(comments.get(0).get("author_id").asLong()).isPositive();

        assertThat(api.delete("/api/v2/tickets/" + id + ".json").status()).isEqualTo(204);
        assertThat(api.get("/api/v2/tickets/" + id + ".json").status()).isEqualTo(404);
    }

    @Test
    void customFieldsAreValidated(EmulatorAdmin admin) {
        JsonNode field = api.post("/api/v2/ticket_fields.json", "{\"ticket_field\":{\"type\":\"tagger\",\"title\":\"Plan\",\"custom_field_options\":[{\"name\":\"Gold\",\"value\":\"plan_gold\"},{\"name\":\"Silver\",\"value\":\"plan_silver\"}]}}")
                .json().get("ticket_field");
        long fid = field.get("id").asLong();
        assertThat(field.get("custom_field_options").get(0).get("id").asLong()).isPositive();

        Api.Res unknown = api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"},\"custom_fields\":[{\"id\":123,\"value\":\"x\"}]}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("error").asText()).isEqualTo("RecordInvalid");

        Api.Res badOption = api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"},\"custom_fields\":[{\"id\":" + fid + ",\"value\":\"Gold\"}]}}");
        assertThat(badOption.status()).isEqualTo(422);

        JsonNode ok = api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"},\"custom_fields\":[{\"id\":" + fid + ",\"value\":\"plan_gold\"}]}}")
                .json().get("ticket");
        assertThat(ok.get("custom_fields").toString()).contains("\"id\":" + fid + ",\"value\":\"plan_gold\"");
        assertThat(ok.get("tags")).extracting(JsonNode::asText).contains("plan_gold");
        JsonNode changed = api.put("/api/v2/tickets/" + ok.get("id").asLong(), "{\"ticket\":{\"custom_fields\":[{\"id\":" + fid + ",\"value\":\"plan_silver\"}]}}")
                .json().get("ticket");
        assertThat(changed.get("tags")).extracting(JsonNode::asText).contains("plan_silver").doesNotContain("plan_gold");
    }

    @Test
    void usersCreateOrUpdateAndMe() {
        Api.Res created = api.post("/api/v2/users/create_or_update.json", "{\"user\":{\"name\":\"Roger Wilco\",\"email\":\"roge@example.org\"}}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("user").get("id").asLong();
        Api.Res updated = api.post("/api/v2/users/create_or_update.json", "{\"user\":{\"name\":\"Roger W.\",\"email\":\"ROGE@example.org\"}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("user").get("id").asLong()).isEqualTo(id);
        assertThat(updated.json().get("user").get("name").asText()).isEqualTo("Roger W.");
        Api.Res byExternal = api.post("/api/v2/users/create_or_update.json", "{\"user\":{\"name\":\"Ext\",\"external_id\":\"e-1\"}}");
        assertThat(byExternal.status()).isEqualTo(201);
        assertThat(api.post("/api/v2/users/create_or_update.json", "{\"user\":{\"name\":\"Ext 2\",\"external_id\":\"e-1\"}}").status()).isEqualTo(200);

        Api.Res dup = api.post("/api/v2/users.json", "{\"user\":{\"name\":\"Dup\",\"email\":\"roge@example.org\"}}");
        assertThat(dup.status()).isEqualTo(422);
        assertThat(dup.json().get("details").get("email").get(0).get("error").asText()).isEqualTo("DuplicateValue");
        assertThat(api.post("/api/v2/users.json", "{\"user\":{\"email\":\"noname@example.org\"}}").status()).isEqualTo(422);

        JsonNode me = api.get("/api/v2/users/me.json").json().get("user");
        assertThat(me.get("email").asText()).isEqualTo(ZendeskEmulator.ADMIN_EMAIL);
        assertThat(me.get("role").asText()).isEqualTo("admin");
    }

    @Test
    void organizationsCreateOrUpdateMatchIdOrExternalIdNeverName() {
        Api.Res c = api.post("/api/v2/organizations/create_or_update.json", "{\"organization\":{\"name\":\"Acme\",\"external_id\":\"acme-1\"}}");
        assertThat(c.status()).isEqualTo(201);
        long id = c.json().get("organization").get("id").asLong();
        Api.Res u = api.post("/api/v2/organizations/create_or_update.json", "{\"organization\":{\"name\":\"Acme Corp\",\"external_id\":\"acme-1\"}}");
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.json().get("organization").get("id").asLong()).isEqualTo(id);
        Api.Res byId = api.post("/api/v2/organizations/create_or_update.json", "{\"organization\":{\"id\":" + id + ",\"notes\":\"vip\"}}");
        assertThat(byId.status()).isEqualTo(200);
        // same name, no id or external id: a create, which the unique name refuses
        Api.Res byName = api.post("/api/v2/organizations/create_or_update.json", "{\"organization\":{\"name\":\"Acme Corp\"}}");
        assertThat(byName.status()).isEqualTo(422);
        assertThat(api.delete("/api/v2/organizations/" + id + ".json").status()).isEqualTo(204);
    }

    @Test
    void tagsSetAddRemoveAndAccountCounts() {
        long id = createTicket("Tags");
        Api.Res set = api.post("/api/v2/tickets/" + id + "/tags.json", "{\"tags\":[\"alpha\",\"beta\"]}");
        assertThat(set.status()).isEqualTo(201);
        assertThat(set.json().get("tags")).extracting(JsonNode::asText).containsExactly("alpha", "beta");
        Api.Res add = api.put("/api/v2/tickets/" + id + "/tags.json", "{\"tags\":[\"gamma\"]}");
        assertThat(add.json().get("tags")).extracting(JsonNode::asText).containsExactly("alpha", "beta", "gamma");
        assertThat(api.send("DELETE", "/api/v2/tickets/" + id + "/tags.json", "{\"tags\":[\"alpha\"]}").status()).isEqualTo(204);
        assertThat(api.get("/api/v2/tickets/" + id + "/tags.json").json().get("tags")).extracting(JsonNode::asText).containsExactly("beta", "gamma");

        long user = api.post("/api/v2/users.json", "{\"user\":{\"name\":\"T\",\"email\":\"t@example.org\"}}").json().get("user").get("id").asLong();
        api.put("/api/v2/users/" + user + "/tags.json", "{\"tags\":[\"beta\"]}");
        JsonNode tags = api.get("/api/v2/tags.json").json().get("tags");
        assertThat(tags.toString()).contains("{\"name\":\"beta\",\"count\":2}").contains("{\"name\":\"gamma\",\"count\":1}");
    }

    @Test
    void macroApplyDoesNotChangeTheTicket() {
        long id = createTicket("Macro");
        long macro = api.post("/api/v2/macros.json", "{\"macro\":{\"title\":\"Solve it\",\"actions\":[{\"field\":\"status\",\"value\":\"solved\"},"
                + "{\"field\":\"priority\",\"value\":\"low\"},{\"field\":\"current_tags\",\"value\":\"macro_used\"},"
                + "{\"field\":\"comment_value\",\"value\":\"Closing ticket {{ticket.id}}\"},{\"field\":\"comment_mode_is_public\",\"value\":\"false\"}]}}")
                .json().get("macro").get("id").asLong();
        assertThat(api.get("/api/v2/macros/active.json").json().get("macros")).hasSize(1);
        Api.Res applied = api.get("/api/v2/tickets/" + id + "/macros/" + macro + "/apply.json");
        assertThat(applied.status()).isEqualTo(200);
        JsonNode result = applied.json().get("result");
        assertThat(result.get("ticket").get("status").asText()).isEqualTo("solved");
        assertThat(result.get("ticket").get("priority").asText()).isEqualTo("low");
        assertThat(result.get("ticket").get("tags")).extracting(JsonNode::asText).contains("macro_used");
        assertThat(result.get("comment").get("body").asText()).isEqualTo("Closing ticket " + id);
        assertThat(result.get("comment").get("public").asBoolean()).isFalse();

        JsonNode stored = api.get("/api/v2/tickets/" + id + ".json").json().get("ticket");
        assertThat(stored.get("status").asText()).isEqualTo("new");
        assertThat(stored.get("priority").asText()).isEqualTo("urgent");
        assertThat(api.get("/api/v2/tickets/" + id + "/comments.json").json().get("comments")).hasSize(1);
    }

    @Test
    void uploadsAttachToComments() {
        Api.Res up = api.send("POST", "/api/v2/uploads.json?filename=report.pdf", null, "Content-Type", "application/pdf");
        // body-less upload is allowed; now one with bytes
        up = api.send("POST", "/api/v2/uploads.json?filename=" + Api.enc("crash log.txt"), "stack trace here", "Content-Type", "text/plain");
        assertThat(up.status()).isEqualTo(201);
        JsonNode upload = up.json().get("upload");
        String token = upload.get("token").asText();
        assertThat(upload.get("attachment").get("file_name").asText()).isEqualTo("crash log.txt");
        assertThat(upload.get("attachment").get("size").asInt()).isEqualTo(16);
        long id = createTicket("With attachment");
        api.put("/api/v2/tickets/" + id, "{\"ticket\":{\"comment\":{\"body\":\"see file\",\"uploads\":[\"" + token + "\"]}}}");
        JsonNode c = api.get("/api/v2/tickets/" + id + "/comments").json().get("comments").get(1);
        assertThat(c.get("attachments").get(0).get("file_name").asText()).isEqualTo("crash log.txt");
        Api.Res content = api.get(c.get("attachments").get(0).get("content_url").asText());
        assertThat(content.body()).isEqualTo("stack trace here");
    }

    @Test
    void groupsAndTicketFieldsCrud() {
        Api.Res g = api.post("/api/v2/groups.json", "{\"group\":{\"name\":\"Escalations\"}}");
        assertThat(g.status()).isEqualTo(201);
        long gid = g.json().get("group").get("id").asLong();
        assertThat(api.put("/api/v2/groups/" + gid + ".json", "{\"group\":{\"name\":\"Escalations 2\"}}").json().get("group").get("name").asText())
                .isEqualTo("Escalations 2");
        assertThat(api.get("/api/v2/groups.json").json().get("groups")).hasSize(2);
        assertThat(api.delete("/api/v2/groups/" + gid + ".json").status()).isEqualTo(204);
        assertThat(api.get("/api/v2/groups/" + gid + ".json").status()).isEqualTo(404);
        assertThat(api.post("/api/v2/groups.json", "{\"group\":{}}").status()).isEqualTo(422);
        JsonNode fields = api.get("/api/v2/ticket_fields.json").json().get("ticket_fields");
        assertThat(fields).extracting(f -> f.get("type").asText()).contains("subject", "status", "priority");
    }

    @Test
    void bulkOver100IsTooManyValues() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Map.of("subject", "t" + i, "comment", Map.of("body", "b")));
        }
        Api.Res r = api.post("/api/v2/tickets/create_many.json", Api.json(Map.of("tickets", many)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("TooManyValues");
    }

    @Test
    void sideLoadsUsersGroupsOrganizations(EmulatorAdmin admin) {
        long org = admin.createOrganization(Map.of("name", "Side Co")).get("id").asLong();
        long user = admin.createUser(Map.of("name", "Sid", "email", "sid@example.org", "organization_id", org)).get("id").asLong();
        long id = api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"},\"requester_id\":" + user + ",\"group_id\":"
                + admin.list("groups").get(0).get("id").asLong() + "}}").json().get("ticket").get("id").asLong();
        JsonNode show = api.get("/api/v2/tickets/" + id + ".json?include=users,groups,organizations").json();
        assertThat(show.get("ticket").get("organization_id").asLong()).isEqualTo(org);
        assertThat(show.get("users")).extracting(u -> u.get("id").asLong()).contains(user);
        assertThat(show.get("groups")).hasSize(1);
        assertThat(show.get("organizations").get(0).get("name").asText()).isEqualTo("Side Co");
        JsonNode list = api.get("/api/v2/tickets.json?include=users").json();
        assertThat(list.has("users")).isTrue();
        assertThat(list.has("groups")).isFalse();
    }

    @Test
    void requesterObjectCreatesOrFindsUser() {
        JsonNode t = api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"},\"requester\":{\"name\":\"New Person\",\"email\":\"new.person@example.org\"}}}")
                .json().get("ticket");
        JsonNode u = api.get("/api/v2/users/" + t.get("requester_id").asLong() + ".json").json().get("user");
        assertThat(u.get("email").asText()).isEqualTo("new.person@example.org");
        JsonNode t2 = api.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"x\"},\"requester\":{\"name\":\"Same\",\"email\":\"NEW.person@example.org\"}}}")
                .json().get("ticket");
        assertThat(t2.get("requester_id").asLong()).isEqualTo(t.get("requester_id").asLong());
    }
}
