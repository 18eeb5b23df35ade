package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Cursor pagination (page[size], meta, links) and legacy offset pagination (page, per_page, next_page, count). */
class PaginationTest {
    static ZendeskEmulator zd;
    Api api;

    @BeforeAll
    static void start() {
        zd = ZendeskEmulator.builder().requestsPerMinute(0).build();
        zd.start();
    }

    @AfterAll
    static void stop() {
        zd.close();
    }

    @BeforeEach
    void load() {
        zd.admin().reset();
        zd.admin().bulkLoadTickets(250, Instant.now().minusSeconds(3600));
        api = new Api(zd.baseUrl());
    }

    @Test
    void cursorPaginationWalksForwardWithAbsoluteLinks() {
        Set<Long> seen = new HashSet<>();
        String url = "/api/v2/tickets.json?page%5Bsize%5D=100";
        int pages = 0;
        JsonNode page;
        do {
            page = api.get(url).json();
            pages++;
            page.get("tickets").forEach(t -> seen.add(t.get("id").asLong()));
            assertThat(page.has("meta")).isTrue();
            assertThat(page.has("count")).isFalse();
            url = page.get("links").get("next").isNull() ? null : page.get("links").get("next").asText();
            if (url != null) {
                assertThat(url).startsWith(zd.baseUrl() + "/api/v2/tickets.json?");
            }
        } while (page.get("meta").get("has_more").asBoolean());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(250);
        assertThat(page.get("tickets")).hasSize(50);
        assertThat(page.get("links").get("next").isNull()).isTrue();

        // previous page through before_cursor
        String before = page.get("meta").get("before_cursor").asText();
        JsonNode prev = api.get("/api/v2/tickets.json?page[size]=100&page[before]=".replace("[", "%5B").replace("]", "%5D") + Api.enc(before)).json();
        assertThat(prev.get("tickets")).hasSize(100);
        assertThat(prev.get("tickets").get(99).get("id").asLong()).isEqualTo(page.get("tickets").get(0).get("id").asLong() - 1);
    }

    @Test
    void cursorErrors() {
        assertThat(api.get("/api/v2/tickets.json?page%5Bsize%5D=101").status()).isEqualTo(400);
        Api.Res bad = api.get("/api/v2/tickets.json?page%5Bsize%5D=10&page%5Bafter%5D=not-a-cursor");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("InvalidPaginationParameter");
    }

    @Test
    void offsetPagination() {
        JsonNode p1 = api.get("/api/v2/tickets.json?per_page=100").json();
        assertThat(p1.get("tickets")).hasSize(100);
        assertThat(p1.get("count").asInt()).isEqualTo(250);
        assertThat(p1.get("previous_page").isNull()).isTrue();
        String next = p1.get("next_page").asText();
        assertThat(next).startsWith(zd.baseUrl()).contains("page=2");
        JsonNode p3 = api.get(api.get(next).json().get("next_page").asText()).json();
        assertThat(p3.get("tickets")).hasSize(50);
        assertThat(p3.get("next_page").isNull()).isTrue();
        assertThat(p3.get("previous_page").asText()).contains("page=2");
        // default is offset with 100 a page
        assertThat(api.get("/api/v2/tickets").json().get("tickets")).hasSize(100);
        // sort_order=desc
        assertThat(api.get("/api/v2/tickets.json?per_page=1&sort_order=desc").json().get("tickets").get(0).get("id").asLong()).isEqualTo(250);
    }
}
