package io.camelzendesk.component.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.User;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fewer requests per record, against the emulator: a list of ids read with show_many (100 a request), a list handed
 * to create, update or createOrUpdate sent as the bulk operation (100 a request and job).
 */
class FewerRequestsTest {

    private ZendeskEmulator zendesk;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        zendesk = ZendeskEmulator.builder().requestsPerMinute(0).build();
        zendesk.start();
        context = new DefaultCamelContext();
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        zendesk.close();
    }

    private String uri(String resourceAndOptions) {
        return "zendesk:" + resourceAndOptions + "&baseUrl=" + zendesk.baseUrl() + "&email="
               + ZendeskEmulator.ADMIN_EMAIL + "&apiToken=" + ZendeskEmulator.API_TOKEN + "&bulkJobTimeout=60s";
    }

    private List<RecordedRequest> requests(String method, String pathPrefix) {
        return zendesk.admin().requests().stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    @Test
    void aListOfIdsIsReadWithShowManyAHundredARequest() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(zendesk.admin().createUser(Map.of("name", "U" + i, "email", "u" + i + "@example.com"))
                    .get("id").asLong());
        }
        zendesk.admin().clearRequests();
        Exchange ex = template.send(uri("users?operation=get"), e -> e.getMessage().setHeader("CamelZendeskId", ids));
        assertThat(ex.getException()).isNull();
        List<?> users = ex.getMessage().getBody(List.class);
        assertThat(users).hasSize(150).allSatisfy(u -> assertThat(u).isInstanceOf(User.class));
        assertThat(requests("GET", "/api/v2/users/show_many")).hasSize(2);
        assertThat(zendesk.admin().requests()).hasSize(2);
        // comma-separated text too, and one id stays one read
        Exchange two = template.send(uri("users?operation=get"),
                e -> e.getMessage().setHeader("CamelZendeskId", ids.get(0) + "," + ids.get(1)));
        assertThat(two.getMessage().getBody(List.class)).hasSize(2);
        Exchange one = template.send(uri("users?operation=get"), e -> e.getMessage().setHeader("CamelZendeskId", ids.get(0)));
        assertThat(one.getMessage().getBody(User.class).getName()).isEqualTo("U0");
    }

    @Test
    void aListHandedToCreateOrUpdateGoesAsTheBulkOperation() {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            users.add(Map.of("name", "Customer " + i, "email", "c" + i + "@example.com"));
        }
        Exchange ex = template.send(uri("users?operation=createOrUpdate"), e -> e.getMessage().setBody(users));
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getBody()).isInstanceOf(BulkResult.class);
        assertThat(requests("POST", "/api/v2/users/create_or_update_many")).hasSize(2);
        assertThat(requests("POST", "/api/v2/users/create_or_update").stream()
                .filter(r -> !r.path().endsWith("_many"))).isEmpty();
        assertThat(zendesk.admin().list("users").stream().filter(u -> u.path("name").asText().startsWith("Customer")))
                .hasSize(120);
        // a JSON array and a plural envelope too
        Exchange json = template.send(uri("organizations?operation=create"), e -> e.getMessage().setBody(
                "{\"organizations\": [{\"name\": \"Acme\"}, {\"name\": \"Globex\"}]}".getBytes()));
        assertThat(json.getException()).isNull();
        assertThat(requests("POST", "/api/v2/organizations/create_many")).hasSize(1);
    }
}
