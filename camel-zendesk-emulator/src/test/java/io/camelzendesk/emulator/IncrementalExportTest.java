package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Incremental exports: cursor-based and time-based, Zendesk's paging semantics. */
class IncrementalExportTest {
    static ZendeskEmulator zd;
    Api api;
    long t0;

    @BeforeAll
    static void start() {
        zd = ZendeskEmulator.builder().incrementalRequestsPerMinute(0).requestsPerMinute(0).recentExclusion(Duration.ZERO).build();
        zd.start();
    }

    @AfterAll
    static void stop() {
        zd.close();
    }

    @BeforeEach
    void reset() {
        zd.admin().reset();
        api = new Api(zd.baseUrl());
        t0 = Instant.now().minusSeconds(7200).getEpochSecond();
    }

    @Test
    void cursorExportReturnsEveryTicketOnceWithExactPageSizes() {
        // 5,000 tickets, in groups of 250 sharing one timestamp
        for (int g = 0; g < 20; g++) {
            zd.admin().bulkLoadTickets(250, Instant.ofEpochSecond(t0 + g * 10L));
        }
        Set<Long> seen = new HashSet<>();
        JsonNode page = api.get("/api/v2/incremental/tickets/cursor.json?start_time=" + t0).json();
        int pages = 1;
        List<Integer> sizes = new ArrayList<>();
        sizes.add(page.get("tickets").size());
        page.get("tickets").forEach(t -> assertThat(seen.add(t.get("id").asLong())).isTrue());
        while (!page.get("end_of_stream").asBoolean()) {
            String cursor = page.get("after_cursor").asText();
            assertThat(page.get("after_url").asText()).startsWith(zd.baseUrl() + "/api/v2/incremental/tickets/cursor.json?").contains("cursor=")
                    .doesNotContain("start_time");
            page = api.get("/api/v2/incremental/tickets/cursor.json?cursor=" + Api.enc(cursor)).json();
            pages++;
            sizes.add(page.get("tickets").size());
            page.get("tickets").forEach(t -> assertThat(seen.add(t.get("id").asLong())).as("duplicate").isTrue());
        }
        assertThat(seen).hasSize(5000);
        assertThat(sizes).startsWith(1000, 1000, 1000, 1000, 1000);
        assertThat(page.has("before_cursor")).isTrue();
        // polling the last cursor again yields nothing new, and end_of_stream stays true
        JsonNode again = api.get("/api/v2/incremental/tickets/cursor.json?cursor=" + Api.enc(page.get("after_cursor").asText())).json();
        assertThat(again.get("tickets")).isEmpty();
        assertThat(again.get("end_of_stream").asBoolean()).isTrue();
    }

    @Test
    void cursorsAreOpaqueBase64ThatMustBeUrlEncoded() {
        zd.admin().bulkLoadTickets(3, Instant.ofEpochSecond(t0));
        JsonNode page = api.get("/api/v2/incremental/tickets/cursor.json?start_time=" + t0 + "&per_page=1").json();
        String cursor = page.get("after_cursor").asText();
        assertThat(cursor).contains("+").contains("/").endsWith("=");
        assertThat(api.get("/api/v2/incremental/tickets/cursor.json?cursor=" + Api.enc(cursor)).status()).isEqualTo(200);
        // sent raw, '+' decodes to a space: the cursor is broken
        Api.Res raw = api.get("/api/v2/incremental/tickets/cursor.json?cursor=" + cursor.replace("/", "%2F").replace("=", "%3D"));
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.json().get("error").asText()).isEqualTo("InvalidPaginationParameter");
        assertThat(api.get("/api/v2/incremental/tickets/cursor.json?cursor=Zm9vYmFy").status()).isEqualTo(400);
    }

    @Test
    void timeBasedNeverSplitsATimestampSoAPageCanExceedPerPage() {
        zd.admin().bulkLoadTickets(1500, Instant.ofEpochSecond(t0));
        zd.admin().bulkLoadTickets(10, Instant.ofEpochSecond(t0 + 100));
        JsonNode page = api.get("/api/v2/incremental/tickets.json?start_time=" + t0).json();
        assertThat(page.get("tickets")).hasSize(1500);
        assertThat(page.get("count").asInt()).isEqualTo(1500);
        assertThat(page.get("end_time").asLong()).isEqualTo(t0);
        assertThat(page.get("end_of_stream").asBoolean()).isFalse();
        assertThat(page.get("next_page").asText()).isEqualTo(zd.baseUrl() + "/api/v2/incremental/tickets.json?start_time=" + t0);
        // the documented trap: the next page starts at the same end_time and returns the same 1,500 again
        JsonNode same = api.get(page.get("next_page").asText()).json();
        assertThat(same.get("count").asInt()).isEqualTo(1500);
        assertThat(same.get("end_time").asLong()).isEqualTo(t0);
        // a client that moves past the stuck second gets the rest
        JsonNode rest = api.get("/api/v2/incremental/tickets.json?start_time=" + (t0 + 1)).json();
        assertThat(rest.get("count").asInt()).isEqualTo(10);
        assertThat(rest.get("end_of_stream").asBoolean()).isTrue();
    }

    @Test
    void timeBasedPagesRepeatTheBoundaryTimestamp() {
        for (int g = 0; g < 3; g++) {
            zd.admin().bulkLoadTickets(5, Instant.ofEpochSecond(t0 + g));
        }
        Map<Long, Integer> times = new HashMap<>();
        JsonNode p1 = api.get("/api/v2/incremental/tickets.json?per_page=7&start_time=" + t0).json();
        assertThat(p1.get("count").asInt()).isEqualTo(10); // 7, then the rest of the second timestamp
        assertThat(p1.get("end_time").asLong()).isEqualTo(t0 + 1);
        assertThat(p1.get("end_of_stream").asBoolean()).isFalse();
        p1.get("tickets").forEach(t -> times.merge(t.get("id").asLong(), 1, Integer::sum));
        JsonNode p2 = api.get(p1.get("next_page").asText()).json();
        assertThat(p2.get("end_of_stream").asBoolean()).isTrue();
        p2.get("tickets").forEach(t -> times.merge(t.get("id").asLong(), 1, Integer::sum));
        assertThat(times).hasSize(15);
        assertThat(times.values().stream().filter(n -> n == 2).count()).isEqualTo(5); // the t0+1 tickets, twice
        assertThat(p2.get("tickets").get(0).get("generated_timestamp").asLong()).isEqualTo(t0 + 1);
    }

    @Test
    void recentChangesAreLeftOutAndTooRecentStartTimeIsRefused() {
        zd.admin().setRecentExclusion(Duration.ofMinutes(1));
        zd.admin().bulkLoadTickets(3, Instant.ofEpochSecond(t0));
        long fresh = zd.admin().createTicket(Map.of("subject", "fresh", "comment", Map.of("body", "x"))).get("id").asLong();
        JsonNode page = api.get("/api/v2/incremental/tickets.json?start_time=" + t0).json();
        assertThat(page.get("tickets")).extracting(t -> t.get("id").asLong()).doesNotContain(fresh).hasSize(3);
        JsonNode cursorPage = api.get("/api/v2/incremental/tickets/cursor.json?start_time=" + t0).json();
        assertThat(cursorPage.get("tickets")).hasSize(3);

        Api.Res tooRecent = api.get("/api/v2/incremental/tickets.json?start_time=" + (Instant.now().getEpochSecond() - 10));
        assertThat(tooRecent.status()).isEqualTo(422);
        assertThat(tooRecent.json().get("error").asText()).isEqualTo("InvalidValue");
        assertThat(tooRecent.json().get("description").asText()).isEqualTo("Too recent start_time. Use a start_time older than 1 minute");
        zd.admin().setRecentExclusion(Duration.ofSeconds(5));
        Api.Res scaled = api.get("/api/v2/incremental/tickets/cursor.json?start_time=" + (Instant.now().getEpochSecond() + 100));
        assertThat(scaled.json().get("description").asText()).isEqualTo("Too recent start_time. Use a start_time older than 5 seconds");
    }

    @Test
    void excludeDeletedAndSideLoads() {
        long a = zd.admin().createTicket(Map.of("subject", "keep", "comment", Map.of("body", "x"))).get("id").asLong();
        long b = zd.admin().createTicket(Map.of("subject", "drop", "comment", Map.of("body", "x"))).get("id").asLong();
        zd.admin().deleteTicket(b);
        JsonNode all = api.get("/api/v2/incremental/tickets.json?start_time=" + t0 + "&include=users,groups,organizations").json();
        assertThat(all.get("tickets")).extracting(t -> t.get("id").asLong() + ":" + t.get("status").asText())
                .contains(a + ":new", b + ":deleted");
        assertThat(all.get("users")).isNotEmpty();
        assertThat(all.has("groups")).isTrue();
        JsonNode live = api.get("/api/v2/incremental/tickets/cursor.json?start_time=" + t0 + "&exclude_deleted=true").json();
        assertThat(live.get("tickets")).extracting(t -> t.get("id").asLong()).containsExactly(a);
    }

    @Test
    void usersOrganizationsAndTicketEvents() {
        long user = zd.admin().createUser(Map.of("name", "Exported", "email", "exp@example.org")).get("id").asLong();
        zd.admin().createOrganization(Map.of("name", "Exported Org"));
        long ticket = zd.admin().createTicket(Map.of("subject", "events", "comment", Map.of("body", "first"))).get("id").asLong();
        zd.admin().updateTicket(ticket, Map.of("status", "solved"));

        JsonNode users = api.get("/api/v2/incremental/users.json?start_time=" + t0).json();
        assertThat(users.get("users")).extracting(u -> u.get("id").asLong()).contains(user);
        assertThat(users.has("end_time")).isTrue();
        JsonNode usersCursor = api.get("/api/v2/incremental/users/cursor.json?start_time=" + t0).json();
        assertThat(usersCursor.get("users")).extracting(u -> u.get("id").asLong()).contains(user);
        assertThat(usersCursor.get("end_of_stream").asBoolean()).isTrue();
        JsonNode orgs = api.get("/api/v2/incremental/organizations.json?start_time=" + t0).json();
        assertThat(orgs.get("organizations")).extracting(o -> o.get("name").asText()).contains("Exported Org");

        JsonNode events = api.get("/api/v2/incremental/ticket_events.json?start_time=" + t0 + "&include=comment_events").json();
        List<JsonNode> forTicket = new ArrayList<>();
        events.get("ticket_events").forEach(e -> {
            if (e.get("ticket_id").asLong() == ticket) {
                forTicket.add(e);
            }
        });
        assertThat(forTicket).hasSize(2);
        assertThat(forTicket.get(1).get("child_events").toString()).contains("\"status\":\"solved\"").contains("\"previous_value\":\"new\"");
        assertThat(forTicket.get(0).get("child_events").toString()).contains("\"event_type\":\"Comment\"");
    }

    @Test
    void helpCenterArticlesExport() {
        JsonNode page = api.get("/api/v2/help_center/incremental/articles.json?start_time=" + t0).json();
        assertThat(page.get("articles")).isEmpty();
        assertThat(page.get("end_of_stream").asBoolean()).isTrue();
    }
}
