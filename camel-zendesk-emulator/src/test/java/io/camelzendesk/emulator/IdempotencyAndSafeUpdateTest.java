package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on ticket create, and safe_update with updated_stamp. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0)
class IdempotencyAndSafeUpdateTest {

    @Test
    void idempotencyKeyReplaysTheFirstResult(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        String body = "{\"ticket\":{\"subject\":\"once\",\"comment\":{\"body\":\"only once\"}}}";
        Api.Res first = api.send("POST", "/api/v2/tickets.json", body, "Idempotency-Key", "key-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("x-idempotency-lookup")).isEqualTo("miss");
        Api.Res second = api.send("POST", "/api/v2/tickets.json", body, "Idempotency-Key", "key-1");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("x-idempotency-lookup")).isEqualTo("hit");
        assertThat(second.json().get("ticket").get("id")).isEqualTo(first.json().get("ticket").get("id"));
        assertThat(admin.list("tickets")).hasSize(1);

        Api.Res other = api.send("POST", "/api/v2/tickets.json", "{\"ticket\":{\"subject\":\"different\",\"comment\":{\"body\":\"x\"}}}",
                "Idempotency-Key", "key-1");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("error").asText()).isEqualTo("IdempotentRequestError");
        assertThat(api.post("/api/v2/tickets.json", body).header("x-idempotency-lookup")).isNull();
    }

    @Test
    void safeUpdateRefusesStaleStamps(@EmulatorBaseUrl String base) {
        Api api = new Api(base);
        JsonNode t = api.post("/api/v2/tickets.json", "{\"ticket\":{\"subject\":\"safe\",\"comment\":{\"body\":\"x\"}}}").json().get("ticket");
        long id = t.get("id").asLong();
        String stamp = t.get("updated_at").asText();
        Api.Res ok = api.put("/api/v2/tickets/" + id + ".json",
                "{\"ticket\":{\"status\":\"open\",\"safe_update\":true,\"updated_stamp\":\"" + stamp + "\"}}");
        assertThat(ok.status()).isEqualTo(200);
        Api.Res stale = api.put("/api/v2/tickets/" + id + ".json",
                "{\"ticket\":{\"status\":\"pending\",\"safe_update\":true,\"updated_stamp\":\"2001-01-01T00:00:00Z\"}}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("error").asText()).isEqualTo("UpdateConflict");
        assertThat(stale.json().has("description")).isTrue();
        assertThat(api.get("/api/v2/tickets/" + id).json().get("ticket").get("status").asText()).isEqualTo("open");
    }
}
