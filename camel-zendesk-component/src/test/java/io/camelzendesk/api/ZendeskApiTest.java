package io.camelzendesk.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.ZendeskAuth;
import io.camelzendesk.client.ZendeskAuthenticationException;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskClientConfig;
import io.camelzendesk.client.ZendeskNotFoundException;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.client.ZendeskWriteOutcomeUnknownException;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.test.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed API on a client over loopback HTTP, without Camel. */
class ZendeskApiTest {

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ZendeskClient client;
    private ZendeskApi api;

    @BeforeEach
    void createApi() {
        client = new ZendeskClient(ZendeskClientConfig.builder(wm.baseUrl(),
                ZendeskAuth.apiToken("agent@example.com", "t0ken")).sleeper(new RecordingSleeper()).build());
        api = new ZendeskApi(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static String fixture(String name) {
        try (InputStream in = ZendeskApiTest.class.getResourceAsStream("/zendesk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int requests(String method, String path) {
        return (int) wm.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals(method)
                && e.getRequest().getUrl().split("\\?")[0].equals(path)).count();
    }

    @Test
    void getReadsTheTicketOutOfItsEnvelope() {
        wm.stubFor(get("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));

        ZendeskResponse<Ticket> r = api.tickets().get(35436).join();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().getId()).isEqualTo(35436L);
        assertThat(r.body().getSubject()).isEqualTo("Help, my printer is on fire!");
    }

    @Test
    void aTicketCreateCarriesTheGivenIdempotencyKeyElseOneOfItsOwn() {
        wm.stubFor(post("/api/v2/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("ticket.json"))));

        api.tickets().create(new LinkedHashMap<>(Map.of("subject", "Printer on fire")), "order-745").join();
        api.tickets().create(new LinkedHashMap<>(Map.of("subject", "Printer on fire"))).join();

        wm.verify(postRequestedFor(urlEqualTo("/api/v2/tickets")).withHeader("Idempotency-Key", equalTo("order-745"))
                .withRequestBody(equalToJson("{\"ticket\": {\"subject\": \"Printer on fire\"}}")));
        wm.verify(postRequestedFor(urlEqualTo("/api/v2/tickets"))
                .withHeader("Idempotency-Key", matching("camel-zendesk-[0-9a-f-]{36}")));
    }

    @Test
    void aCommentIsNotSentTwiceAfterA500() {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(serverError()));

        assertThatThrownBy(() -> api.tickets().addComment(35436, Map.of("body", "Thanks")).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ZendeskWriteOutcomeUnknownException.class);
        assertThat(requests("PUT", "/api/v2/tickets/35436")).isEqualTo(1);
    }

    @Test
    void aListHasItsFirstPageWhenTheCallCompletesAndTheNextOnlyWhenReached() {
        String page1 = "{\"tickets\": [{\"id\": 1}, {\"id\": 2}], \"meta\": {\"has_more\": true},"
                       + " \"links\": {\"next\": \"" + wm.baseUrl() + "/api/v2/tickets?page%5Bsize%5D=2&page%5Bafter%5D=c2\"}}";
        String page2 = "{\"tickets\": [{\"id\": 3}], \"meta\": {\"has_more\": false}, \"links\": {\"next\": null}}";
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("page[after]", absent())
                .willReturn(okJson(page1)));
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("page[after]", equalTo("c2"))
                .willReturn(okJson(page2)));

        PageIterator<Ticket> tickets = api.tickets().list(ListOptions.DEFAULTS.pageSize(2)).join();

        assertThat(tickets.pagesFetched()).isEqualTo(1);
        assertThat(requests("GET", "/api/v2/tickets")).isEqualTo(1);
        assertThat(tickets.next().getId()).isEqualTo(1L);
        assertThat(tickets.next().getId()).isEqualTo(2L);
        assertThat(requests("GET", "/api/v2/tickets")).isEqualTo(1);
        assertThat(tickets.next().getId()).isEqualTo(3L);
        assertThat(tickets.hasNext()).isFalse();
        assertThat(requests("GET", "/api/v2/tickets")).isEqualTo(2);
    }

    @Test
    void aRefusedListFailsTheCallItselfNotTheIteration() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/macros")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"InvalidEndpoint\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/groups")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Couldn't authenticate you\"}")));

        assertThat(api.macros().list(ListOptions.DEFAULTS)).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().withCauseInstanceOf(ZendeskNotFoundException.class);
        assertThat(api.groups().list(ListOptions.DEFAULTS)).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().withCauseInstanceOf(ZendeskAuthenticationException.class);
    }

    @Test
    void viewsShareOneTicketFieldCacheEachWithItsOwnMaxAge() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).willReturn(okJson(fixture("ticket_fields.json"))));
        ZendeskApi patient = api.withTicketFieldsMaxAge(Duration.ofHours(1));
        ZendeskApi eager = api.withTicketFieldsMaxAge(Duration.ZERO);

        assertThat(patient.ticketFields().cached().join()).isNotEmpty();
        assertThat(requests("GET", "/api/v2/ticket_fields")).isEqualTo(1);
        // the first reader's age does not hold for the others: a view that wants fresh fields reads them again
        eager.ticketFields().cached().join();
        assertThat(requests("GET", "/api/v2/ticket_fields")).isEqualTo(2);
        // and the patient view takes that newer load from the shared cache
        patient.ticketFields().cached().join();
        assertThat(requests("GET", "/api/v2/ticket_fields")).isEqualTo(2);
    }

    @Test
    void customFieldsByNameAreResolvedBeforeATicketUpdate() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).willReturn(okJson(fixture("ticket_fields.json"))));
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("custom_fields", Map.of("Order number", "745"));

        api.tickets().update(35436, ticket).join();

        wm.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436")).withRequestBody(
                equalToJson("{\"ticket\": {\"custom_fields\": [{\"id\": 27642, \"value\": \"745\"}]}}")));
    }

    @Test
    void theTableDrivesEveryResourceOfTheGenericCalls() {
        for (ApiResource<?> resource : List.of(ApiResource.GROUPS, ApiResource.ORGANIZATIONS, ApiResource.TAGS)) {
            wm.stubFor(get(urlPathEqualTo(resource.path())).willReturn(okJson(fixture(resource.plural() + ".json"))));
            PageIterator<?> items = api.resource(resource).list(ListOptions.DEFAULTS).join();
            assertThat(items.hasNext()).as(resource.name()).isTrue();
            assertThat(items.next()).isInstanceOf(resource.modelType());
        }
    }
}
