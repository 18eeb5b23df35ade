package io.camelzendesk.component;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelzendesk.client.BodyReader;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.client.ZendeskRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every absolute URL the component is given (a ticket_fields next link, a list's next page, a job status URL) is
 * followed only on the configured scheme, host and port: a second server (same host, other port) receives nothing,
 * with or without credentials, and the error says why.
 */
class ZendeskForeignLinksTest extends ZendeskTestSupport {

    @RegisterExtension
    WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private String page(String root, String items, String next) {
        return "{\"" + root + "\":" + items + ",\"meta\":{\"has_more\":true,\"after_cursor\":\"c1\"},"
               + "\"links\":{\"next\":\"" + next + "\"}}";
    }

    @Test
    void customFieldsByNameNeverFollowATicketFieldsNextLinkToAnotherServer() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields")).willReturn(okJson(page("ticket_fields",
                "[{\"id\":27642,\"title\":\"Order number\",\"type\":\"text\"}]",
                other.baseUrl() + "/api/v2/ticket_fields?page%5Bafter%5D=c1"))));
        other.stubFor(any(anyUrl()).willReturn(okJson("{\"ticket_fields\":[]}")));

        Exchange ex = template.send("zendesk:tickets?operation=update", e -> {
            e.getMessage().setHeader(ZendeskConstants.ID, 35436L);
            e.getMessage().setBody(Map.of("custom_fields", Map.of("Tier", "Gold")));
        });

        assertThat(ex.getException()).isInstanceOf(ZendeskException.class)
                .hasMessageContaining("Refusing to follow a URL on another host, scheme or port")
                .hasMessageContaining(other.baseUrl() + "/api/v2/ticket_fields")
                .hasMessageContaining("nothing was sent").hasMessageNotContaining("page%5Bafter%5D");
        assertThat(other.getAllServeEvents()).as("requests the other server received").isEmpty();
        assertThat(requests("PUT", "/api/v2/tickets/35436")).isEmpty();
    }

    @Test
    void aListNeverFollowsANextPageToAnotherServer() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson(page("tickets",
                "[{\"id\":1,\"subject\":\"T1\"}]", other.baseUrl() + "/api/v2/tickets?page%5Bafter%5D=c1"))));
        other.stubFor(any(anyUrl()).willReturn(okJson("{\"tickets\":[]}")));

        Object body = template.requestBody("zendesk:tickets?operation=list", (Object) null);

        assertThatThrownBy(() -> drain(body)).isInstanceOf(ZendeskException.class)
                .hasMessageContaining("another host, scheme or port");
        assertThat(other.getAllServeEvents()).isEmpty();
    }

    @Test
    void aJobStatusUrlOnAnotherServerIsRefusedByTheClient() {
        other.stubFor(any(anyUrl()).willReturn(okJson("{\"job_status\":{\"id\":\"j1\",\"status\":\"completed\"}}")));
        // the endpoint's own client (released when the context stops)
        ZendeskClient client = ((ZendeskEndpoint) context.getEndpoint("zendesk:tickets?operation=get")).client();

        for (String url : List.of(other.baseUrl() + "/api/v2/job_statuses/j1",
                wm.baseUrl().replace("http://", "https://") + "/api/v2/job_statuses/j1",
                "http://user@" + wm.baseUrl().substring("http://".length()) + "/api/v2/job_statuses/j1")) {
            assertThatThrownBy(() -> client.execute(ZendeskRequest.get(url).build(), BodyReader.DISCARD))
                    .as(url).isInstanceOf(ZendeskException.class).hasMessageContaining("nothing was sent");
        }
        assertThat(other.getAllServeEvents()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();

        // the same origin, absolute, is followed
        wm.stubFor(get("/api/v2/job_statuses/j1").willReturn(okJson("{\"job_status\":{\"id\":\"j1\"}}")));
        client.execute(ZendeskRequest.get(wm.baseUrl() + "/api/v2/job_statuses/j1").build(), BodyReader.DISCARD);
        wm.verify(1, getRequestedFor(urlEqualTo("/api/v2/job_statuses/j1")));
    }

    @Test
    void aBulkJobWhoseStatusUrlPointsElsewhereIsPolledOnTheConfiguredServer() {
        String foreign = other.baseUrl() + "/api/v2/job_statuses/j1.json";
        wm.stubFor(post("/api/v2/users/create_many").willReturn(okJson(
                "{\"job_status\":{\"id\":\"j1\",\"url\":\"" + foreign + "\",\"status\":\"queued\"}}")));
        wm.stubFor(get("/api/v2/job_statuses/j1").willReturn(okJson("{\"job_status\":{\"id\":\"j1\",\"url\":\""
                + foreign + "\",\"status\":\"completed\",\"results\":[{\"id\":5,\"status\":\"Created\"}]}}")));
        other.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        Exchange ex = template.send("zendesk:users?operation=createMany",
                e -> e.getMessage().setBody(List.of(Map.of("name", "Ann", "email", "ann@example.org"))));

        assertThat(ex.getException()).isNull();
        assertThat(other.getAllServeEvents()).isEmpty();
        wm.verify(1, getRequestedFor(urlEqualTo("/api/v2/job_statuses/j1")));
    }
}
