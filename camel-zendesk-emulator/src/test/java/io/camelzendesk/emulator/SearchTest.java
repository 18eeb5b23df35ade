package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v2/search with a subset of Zendesk's query language. */
class SearchTest {
    static ZendeskEmulator zd;
    static Api api;
    static long acme;
    static long jane;

    @BeforeAll
    static void start() {
        zd = ZendeskEmulator.builder().requestsPerMinute(0).build();
        zd.start();
        api = new Api(zd.baseUrl());
        EmulatorAdmin a = zd.admin();
        acme = a.createOrganization(Map.of("name", "Acme")).get("id").asLong();
        jane = a.createUser(Map.of("name", "Jane Doe", "email", "jane@acme.example", "organization_id", acme)).get("id").asLong();
        String[] statuses = {"new", "open", "pending", "solved", "open"};
        String[] priorities = {"low", "normal", "high", "urgent", "normal"};
        for (int i = 0; i < 5; i++) {
            a.createTicket(Map.of("subject", "Printer " + i + (i == 2 ? " on fire" : ""), "comment", Map.of("body", i == 3 ? "the toner smells" : "help"),
                    "status", statuses[i], "priority", priorities[i], "tags", i % 2 == 0 ? List.of("printer", "even") : List.of("printer"),
                    "requester_id", i < 2 ? jane : a.adminUserId()));
        }
        for (int i = 0; i < 150; i++) {
            a.createTicket(Map.of("subject", "Bulk " + i, "comment", Map.of("body", "x"), "tags", List.of("bulk")));
        }
    }

    @AfterAll
    static void stop() {
        zd.close();
    }

    private static JsonNode search(String q) {
        Api.Res r = api.get("/api/v2/search.json?query=" + Api.enc(q));
        assertThat(r.status()).as(q).isEqualTo(200);
        return r.json();
    }

    private static List<String> subjects(JsonNode res) {
        List<String> out = new ArrayList<>();
        res.get("results").forEach(r -> out.add(r.get("subject").asText()));
        return out;
    }

    @Test
    void filters() {
        assertThat(subjects(search("type:ticket status:open tags:printer"))).containsExactlyInAnyOrder("Printer 1", "Printer 4");
        assertThat(subjects(search("type:ticket status<solved tags:even"))).containsExactlyInAnyOrder("Printer 0", "Printer 2 on fire", "Printer 4");
        assertThat(subjects(search("type:ticket status>=pending tags:printer"))).containsExactlyInAnyOrder("Printer 2 on fire", "Printer 3");
        assertThat(subjects(search("type:ticket priority>normal"))).containsExactlyInAnyOrder("Printer 2 on fire", "Printer 3");
        assertThat(subjects(search("type:ticket requester:jane@acme.example"))).containsExactlyInAnyOrder("Printer 0", "Printer 1");
        assertThat(subjects(search("type:ticket organization:Acme"))).containsExactlyInAnyOrder("Printer 0", "Printer 1");
        assertThat(subjects(search("type:ticket \"on fire\""))).containsExactly("Printer 2 on fire");
        assertThat(subjects(search("type:ticket toner"))).containsExactly("Printer 3");
        assertThat(subjects(search("type:ticket tags:printer -tags:even"))).containsExactlyInAnyOrder("Printer 1", "Printer 3");
        assertThat(search("type:ticket created>2000-01-01 tags:printer").get("count").asInt()).isEqualTo(5);
        assertThat(search("type:ticket created<2000-01-01").get("count").asInt()).isZero();
        assertThat(search("type:ticket updated>1hours tags:printer").get("count").asInt()).isEqualTo(5);
    }

    @Test
    void resultTypesAndMixedSearch() {
        JsonNode users = search("type:user jane");
        assertThat(users.get("results").get(0).get("result_type").asText()).isEqualTo("user");
        assertThat(users.get("results").get(0).get("id").asLong()).isEqualTo(jane);
        JsonNode any = search("acme");
        assertThat(any.get("results")).extracting(r -> r.get("result_type").asText()).contains("organization", "user");
    }

    @Test
    void pagesOf100WithNextPage() {
        JsonNode p1 = search("type:ticket tags:bulk");
        assertThat(p1.get("count").asInt()).isEqualTo(150);
        assertThat(p1.get("results")).hasSize(100);
        assertThat(p1.get("next_page").asText()).startsWith(zd.baseUrl() + "/api/v2/search.json?").contains("page=2");
        JsonNode p2 = api.get(p1.get("next_page").asText()).json();
        assertThat(p2.get("results")).hasSize(50);
        assertThat(p2.get("next_page").isNull()).isTrue();
        assertThat(api.get("/api/v2/search.json?query=type:ticket&page=11").status()).isEqualTo(422);
    }

    @Test
    void exportUsesCursors() {
        JsonNode p1 = api.get("/api/v2/search/export.json?query=" + Api.enc("tags:bulk") + "&filter%5Btype%5D=ticket&page%5Bsize%5D=100").json();
        assertThat(p1.get("results")).hasSize(100);
        assertThat(p1.get("meta").get("has_more").asBoolean()).isTrue();
        JsonNode p2 = api.get(p1.get("links").get("next").asText()).json();
        assertThat(p2.get("results")).hasSize(50);
        assertThat(p2.get("meta").get("has_more").asBoolean()).isFalse();
        assertThat(api.get("/api/v2/search/export.json?query=x").status()).isEqualTo(400);
    }
}
