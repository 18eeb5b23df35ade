package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API over HTTP, for other JVMs. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0, incrementalRequestsPerMinute = 0, recentExclusionMillis = 0)
class AdminHttpTest {

    @Test
    void adminOverHttp(@EmulatorBaseUrl String base) {
        Api admin = new Api(base);
        admin.authorization = null;
        assertThat(admin.get("/__admin/health").json().get("status").asText()).isEqualTo("ok");

        JsonNode t = admin.post("/__admin/resources/tickets", "{\"subject\":\"from admin\",\"comment\":{\"body\":\"x\"}}").json();
        long id = t.get("id").asLong();
        assertThat(t.get("via").get("channel").asText()).isEqualTo("web");
        assertThat(admin.put("/__admin/resources/tickets/" + id, "{\"status\":\"solved\"}").json().get("status").asText()).isEqualTo("solved");
        assertThat(admin.get("/__admin/resources/tickets").json().get("count").asInt()).isEqualTo(1);
        assertThat(admin.get("/__admin/resources/tickets/" + id).json().get("subject").asText()).isEqualTo("from admin");
        assertThat(admin.get("/__admin/tickets/" + id + "/comments").json().get("count").asInt()).isEqualTo(1);

        long ts = Instant.now().minusSeconds(600).getEpochSecond();
        JsonNode bulk = admin.post("/__admin/bulk/tickets", "{\"count\":1500,\"timestamp\":" + ts + "}").json();
        assertThat(bulk.get("count").asInt()).isEqualTo(1500);

        Api api = new Api(base);
        assertThat(api.get("/api/v2/incremental/tickets.json?start_time=" + ts).json().get("count").asInt()).isEqualTo(1500);
        JsonNode requests = admin.get("/__admin/requests").json();
        assertThat(requests.get("count").asInt()).isEqualTo(1);
        assertThat(requests.get("items").get(0).get("path").asText()).isEqualTo("/api/v2/incremental/tickets.json");
        assertThat(requests.get("items").get(0).get("headers").get("authorization").get(0).asText()).startsWith("Basic ");

        admin.post("/__admin/faults", "{\"kind\":\"ERROR_503\",\"count\":1,\"path_prefix\":\"/api/v2/tickets\"}");
        assertThat(api.get("/api/v2/tickets.json").status()).isEqualTo(503);
        assertThat(admin.put("/__admin/settings", "{\"requests_per_minute\":1}").json().get("requests_per_minute").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v2/users/me.json").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/users/me.json").status()).isEqualTo(429);
        admin.post("/__admin/rate-limits/reset", null);
        assertThat(api.get("/api/v2/users/me.json").status()).isEqualTo(200);

        assertThat(admin.post("/__admin/reset", null).status()).isEqualTo(204);
        assertThat(admin.get("/__admin/resources/tickets").json().get("count").asInt()).isZero();
        assertThat(admin.get("/__admin/settings").json().get("requests_per_minute").asInt()).isZero();
        assertThat(admin.get("/__admin/deliveries").json().get("count").asInt()).isZero();
    }
}
