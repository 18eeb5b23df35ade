package io.camelzendesk.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.Ticket;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "List, then update each": after the first update the split continues on a client thread (the producer is async),
 * so the next page is fetched from a client thread. With one client thread that must not deadlock.
 */
class ZendeskPagingOnClientThreadTest extends ZendeskTestSupport {

    private final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    void configure(ZendeskConfiguration configuration) {
        configuration.setClientThreads(1);
    }

    @Override
    RoutesBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:solve-all")
                        .to("zendesk:tickets?operation=list&pageSize=2")
                        .split(body()).streaming()
                            .process(e -> {
                                threads.add(Thread.currentThread().getName());
                                Ticket t = e.getMessage().getBody(Ticket.class);
                                e.getMessage().setHeader(ZendeskConstants.ID, t.getId());
                                e.getMessage().setBody(new Ticket().setStatus("solved"));
                            })
                            .to("zendesk:tickets?operation=update")
                        .end();
            }
        };
    }

    @Test
    void nextPageFetchedFromAClientThreadDoesNotDeadlock() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> ticket = (Map<String, Object>) ZendeskJson.MAPPER.readValue(fixture("ticket.json"), Map.class)
                .get("ticket");
        for (int p = 1; p <= 3; p++) {
            List<Object> tickets = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Map<String, Object> t = new LinkedHashMap<>(ticket);
                t.put("id", p * 10 + i);
                tickets.add(t);
            }
            boolean more = p < 3;
            Map<String, Object> page = Map.of("tickets", tickets,
                    "meta", Map.of("has_more", more, "after_cursor", "c" + (p + 1), "before_cursor", "b"),
                    "links", more ? Map.of("next", wm.baseUrl() + "/api/v2/tickets.json?page%5Bafter%5D=c" + (p + 1)
                                                  + "&page%5Bsize%5D=2") : Map.of());
            wm.stubFor(get(urlPathMatching("/api/v2/tickets(\\.json)?"))
                    .withQueryParam("page[after]", p == 1 ? absent() : equalTo("c" + p))
                    .willReturn(okJson(ZendeskJson.MAPPER.writeValueAsString(page))));
            for (int i = 0; i < 2; i++) {
                wm.stubFor(put("/api/v2/tickets/" + (p * 10 + i)).willReturn(okJson(fixture("ticket.json"))));
            }
        }

        CompletableFuture<Object> route = template.asyncRequestBody("direct:solve-all", (Object) "");
        // a guard against a hang, not a timing assertion
        route.get(60, TimeUnit.SECONDS);

        assertThat(requests().stream().filter(r -> r.getMethod().getName().equals("PUT"))).hasSize(6);
        assertThat(requests().stream().filter(r -> r.getMethod().getName().equals("GET"))).hasSize(3);
        // the split did continue on the client's thread after the first update: the case this test is about
        assertThat(threads).anyMatch(n -> n.startsWith("zendesk-client-"));
    }
}
