package io.camelzendesk.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.Ticket;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Lists page on demand under split streaming; maxResults stops early; include= side-loads reach the route. */
class ZendeskListTest extends ZendeskTestSupport {

    /** For each item the route saw: its id and how many pages had been requested when it was processed. */
    private final List<long[]> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    RoutesBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:all-tickets")
                        .to("zendesk:tickets?operation=list&pageSize=2")
                        .split(body()).streaming()
                            .process(e -> seen.add(new long[] { e.getMessage().getBody(Ticket.class).getId(), pages() }))
                        .end();

                from("direct:first-three")
                        .to("zendesk:tickets?operation=list&pageSize=2&maxResults=3")
                        .split(body()).streaming()
                            .process(e -> seen.add(new long[] { e.getMessage().getBody(Ticket.class).getId(), pages() }))
                        .end();

                from("direct:with-requesters")
                        .to("zendesk:tickets?operation=list&pageSize=2&include=users")
                        .split(body()).streaming()
                            .process(e -> {
                                Ticket t = e.getMessage().getBody(Ticket.class);
                                Map<?, ?> users = (Map<?, ?>) e.getMessage()
                                        .getHeader(ZendeskConstants.SIDELOADS, Map.class).get("users");
                                Map<?, ?> requester = (Map<?, ?>) users.get(t.getRequesterId());
                                lines.add(t.getId() + " by " + (requester == null ? null : requester.get("name")));
                            })
                        .end();
            }
        };
    }

    /** Ticket pages requested so far: the first, then the links.next of each. */
    private int pages() {
        return wm.findAll(getRequestedFor(urlPathMatching("/api/v2/tickets(\\.json)?"))).size();
    }

    /** Three pages of two, two and one tickets, made of the ticket fixture, with cursor links. */
    @SuppressWarnings("unchecked")
    private void stubThreePages(boolean sideloads) throws Exception {
        Map<String, Object> ticket = (Map<String, Object>) ZendeskJson.MAPPER.readValue(fixture("ticket.json"), Map.class)
                .get("ticket");
        Map<String, Object> user = (Map<String, Object>) ZendeskJson.MAPPER.readValue(fixture("user.json"), Map.class)
                .get("user");
        String[] cursors = { null, "eyJvIjoibmljZV9pZCIsInYiOiJhUUlBQUFBQUFBQUEifQ==", "eyJvIjoibmljZV9pZCIsInYiOiJhUVFBQUFBQUFBQUEifQ==" };
        int id = 1;
        for (int p = 0; p < 3; p++) {
            List<Object> tickets = new ArrayList<>();
            List<Object> users = new ArrayList<>();
            for (int i = 0; i < (p < 2 ? 2 : 1); i++, id++) {
                Map<String, Object> t = new LinkedHashMap<>(ticket);
                t.put("id", id);
                t.put("url", wm.baseUrl() + "/api/v2/tickets/" + id + ".json");
                t.put("requester_id", 20978000 + id);
                tickets.add(t);
                Map<String, Object> u = new LinkedHashMap<>(user);
                u.put("id", 20978000 + id);
                u.put("name", "Requester " + id);
                users.add(u);
            }
            boolean more = p < 2;
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("tickets", tickets);
            if (sideloads) {
                page.put("users", users);
            }
            page.put("meta", Map.of("has_more", more, "after_cursor", more ? cursors[p + 1] : "end",
                    "before_cursor", "start"));
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("prev", null);
            links.put("next", more ? wm.baseUrl() + "/api/v2/tickets.json?page%5Bafter%5D="
                                     + java.net.URLEncoder.encode(cursors[p + 1], "UTF-8") + "&page%5Bsize%5D=2" : null);
            page.put("links", links);
            String json = ZendeskJson.MAPPER.writeValueAsString(page);
            if (p == 0) {
                wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("page[size]", equalTo("2"))
                        .withQueryParam("page[after]", absent()).willReturn(okJson(json)));
            }
            wm.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).withQueryParam("page[after]", equalTo(cursors[p] == null ? "-" : cursors[p]))
                    .willReturn(okJson(json)));
        }
    }

    @Test
    void threePagesUnderSplitStreamingAreEachRequestedOnlyWhenNeeded() throws Exception {
        stubThreePages(false);

        template.requestBody("direct:all-tickets", (Object) "");

        assertThat(seen).hasSize(5);
        assertThat(seen).extracting(s -> s[0]).containsExactly(1L, 2L, 3L, 4L, 5L);
        // a page is asked for only when the split reaches the end of the one before: the split looks one item ahead
        // (to set CamelSplitComplete), so page 2 is fetched as item 2 is handed out, page 3 as item 4 is
        assertThat(seen).extracting(s -> s[1]).containsExactly(1L, 2L, 2L, 3L, 3L);
        assertThat(requests()).extracting(ZendeskTestSupport::query).containsExactly(
                Map.of("page[size]", "2"),
                Map.of("page[after]", "eyJvIjoibmljZV9pZCIsInYiOiJhUUlBQUFBQUFBQUEifQ==", "page[size]", "2"),
                Map.of("page[after]", "eyJvIjoibmljZV9pZCIsInYiOiJhUVFBQUFBQUFBQUEifQ==", "page[size]", "2"));
        assertThat(requests()).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(BASIC));
    }

    @Test
    void maxResultsStopsWithoutAskingForTheNextPage() throws Exception {
        stubThreePages(false);

        template.requestBody("direct:first-three", (Object) "");

        assertThat(seen).extracting(s -> s[0]).containsExactly(1L, 2L, 3L);
        assertThat(pages()).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getWithIncludeUsersExposesTheSideloadsToo() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(ZendeskJson.MAPPER.readValue(fixture("ticket.json"), Map.class));
        body.put("users", List.of(ZendeskJson.MAPPER.readValue(fixture("user.json"), Map.class).get("user"),
                ZendeskJson.MAPPER.readValue(fixture("me.json"), Map.class).get("user")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436")).withQueryParam("include", equalTo("users"))
                .willReturn(okJson(ZendeskJson.MAPPER.writeValueAsString(body))));

        var ex = template.send("zendesk:tickets?operation=get&include=users",
                e -> e.getMessage().setHeader(ZendeskConstants.ID, 35436L));

        assertThat(ex.getException()).isNull();
        Ticket t = ex.getMessage().getBody(Ticket.class);
        Map<String, Map<Object, Map<String, Object>>> sideloads = ex.getMessage().getHeader(ZendeskConstants.SIDELOADS,
                Map.class);
        assertThat(sideloads.get("users").get(t.getRequesterId())).containsEntry("name", "Roger Wilco");
        assertThat(sideloads.get("users").get(t.get("submitter_id"))).containsEntry("name", "Agent Uno");
    }

    @Test
    void includeUsersSideloadsAreInTheHeaderByIdAsTheyArrive() throws Exception {
        stubThreePages(true);
        template.requestBody("direct:with-requesters", (Object) "");

        assertThat(lines).containsExactly("1 by Requester 1", "2 by Requester 2", "3 by Requester 3",
                "4 by Requester 4", "5 by Requester 5");
        assertThat(requests()).first().satisfies(r -> assertThat(query(r)).containsEntry("include", "users"));
    }
}
