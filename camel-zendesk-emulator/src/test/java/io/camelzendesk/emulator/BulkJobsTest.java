package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** *_many endpoints return a job_status that completes asynchronously with per-item results. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0)
class BulkJobsTest {

    @Test
    void ticketsCreateUpdateDestroyMany(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        Api.Res r = api.post("/api/v2/tickets/create_many.json", "{\"tickets\":[{\"subject\":\"a\",\"comment\":{\"body\":\"a\"}},"
                + "{\"subject\":\"b\",\"comment\":{\"body\":\"b\"}},{\"subject\":\"no comment\"}]}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode job = r.json().get("job_status");
        assertThat(job.get("status").asText()).isEqualTo("queued");
        assertThat(job.get("url").asText()).isEqualTo(base + "/api/v2/job_statuses/" + job.get("id").asText() + ".json");
        JsonNode done = api.awaitJob(job.get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("total").asInt()).isEqualTo(3);
        assertThat(done.get("progress").asInt()).isEqualTo(3);
        JsonNode results = done.get("results");
        assertThat(results.get(0).get("index").asInt()).isZero();
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(0).get("action").asText()).isEqualTo("create");
        assertThat(results.get(2).get("success").asBoolean()).isFalse();
        assertThat(results.get(2).get("error").asText()).isEqualTo("RecordInvalid");
        assertThat(results.get(2).get("details").asText()).contains("Description");
        long a = results.get(0).get("id").asLong();
        long b = results.get(1).get("id").asLong();

        JsonNode upd = api.awaitJob(api.put("/api/v2/tickets/update_many.json?ids=" + a + "," + b, "{\"ticket\":{\"status\":\"solved\"}}")
                .json().get("job_status").get("id").asText());
        assertThat(upd.get("results")).allSatisfy(x -> assertThat(x.get("status").asText()).isEqualTo("Updated"));
        assertThat(api.get("/api/v2/tickets/" + a).json().get("ticket").get("status").asText()).isEqualTo("solved");

        JsonNode perItem = api.awaitJob(api.put("/api/v2/tickets/update_many.json", "{\"tickets\":[{\"id\":" + a + ",\"priority\":\"high\"},{\"id\":999999,\"priority\":\"low\"}]}")
                .json().get("job_status").get("id").asText());
        assertThat(perItem.get("results").get(1).get("success").asBoolean()).isFalse();
        assertThat(perItem.get("results").get(1).get("error").asText()).isEqualTo("RecordNotFound");

        JsonNode del = api.awaitJob(api.delete("/api/v2/tickets/destroy_many.json?ids=" + a + "," + b).json().get("job_status").get("id").asText());
        assertThat(del.get("results")).allSatisfy(x -> assertThat(x.get("action").asText()).isEqualTo("delete"));
        assertThat(api.get("/api/v2/tickets/" + a).status()).isEqualTo(404);
        assertThat(admin.list("tickets")).isEmpty();
    }

    @Test
    void usersAndOrganizations(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        admin.createUser(Map.of("name", "Existing", "email", "existing@example.org"));
        JsonNode users = api.awaitJob(api.post("/api/v2/users/create_or_update_many.json",
                "{\"users\":[{\"name\":\"Existing 2\",\"email\":\"existing@example.org\"},{\"name\":\"Fresh\",\"email\":\"fresh@example.org\"}]}")
                .json().get("job_status").get("id").asText());
        assertThat(users.get("results").get(0).get("action").asText()).isEqualTo("update");
        assertThat(users.get("results").get(1).get("action").asText()).isEqualTo("create");
        JsonNode created = api.awaitJob(api.post("/api/v2/users/create_many.json", "{\"users\":[{\"name\":\"U1\",\"email\":\"u1@example.org\"}]}")
                .json().get("job_status").get("id").asText());
        assertThat(created.get("results").get(0).get("status").asText()).isEqualTo("Created");
        JsonNode orgs = api.awaitJob(api.post("/api/v2/organizations/create_many.json", "{\"organizations\":[{\"name\":\"O1\"},{\"name\":\"O1\"}]}")
                .json().get("job_status").get("id").asText());
        assertThat(orgs.get("results").get(0).get("success").asBoolean()).isTrue();
        assertThat(orgs.get("results").get(1).get("success").asBoolean()).isFalse();
        assertThat(admin.list("organizations")).hasSize(1);
    }
}
