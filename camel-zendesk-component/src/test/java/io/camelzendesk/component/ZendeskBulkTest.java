package io.camelzendesk.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelzendesk.api.ZendeskBulkException;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.JobStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Bulk operations: chunks of at most 100, each job followed to its end, per-item results with global indexes. */
class ZendeskBulkTest extends ZendeskTestSupport {

    private static final String[] JOBS = { "8b726e606741012ffc2d782bcb7848fe", "e7665094164c498781ebe4c8db6d2af5",
            "1a2b3c4d5e6f708192a3b4c5d6e7f809" };

    private static List<Map<String, Object>> users(int n) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("name", "User " + i);
            u.put("email", String.format("user%03d@example.org", i));
            users.add(u);
        }
        return users;
    }

    private String job(String id, String status, List<Map<String, Object>> results, int total) throws Exception {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", id);
        job.put("url", wm.baseUrl() + "/api/v2/job_statuses/" + id + ".json");
        job.put("job_type", "Bulk Create Users");
        job.put("total", total);
        job.put("progress", results == null ? null : total);
        job.put("status", status);
        job.put("message", results == null ? null : "Completed at 2024-08-06T09:00:00+00:00");
        job.put("results", results);
        return ZendeskJson.MAPPER.writeValueAsString(Map.of("job_status", job));
    }

    /** Results as Zendesk gives them for users: no index, in the order of the request. */
    private static List<Map<String, Object>> results(int from, int count, Integer failedAt) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (failedAt != null && i == failedAt) {
                r.put("error", "UserCreateError");
                r.put("details", String.format("Email: user%03d@example.org is already being used by another user", i));
                r.put("status", "Failed");
            } else {
                r.put("id", 9000000L + i);
                r.put("status", "Created");
                r.put("email", String.format("user%03d@example.org", i));
            }
            out.add(r);
        }
        return out;
    }

    private void stubJobs(int n, Integer failedAt) throws Exception {
        for (int j = 0; j * 100 < n; j++) {
            int size = Math.min(100, n - j * 100);
            wm.stubFor(post("/api/v2/users/create_many")
                    .withRequestBody(matchingJsonPath("$.users[0].email", equalTo(String.format("user%03d@example.org", j * 100))))
                    .willReturn(okJson(job(JOBS[j], "queued", null, size))));
            wm.stubFor(get("/api/v2/job_statuses/" + JOBS[j])
                    .willReturn(okJson(job(JOBS[j], "completed", results(j * 100, size, failedAt), size))));
        }
    }

    @Test
    void twoHundredFiftyUsersAreThreeRequestsOfAtMostOneHundredAndThreePolls() throws Exception {
        stubJobs(250, null);

        Exchange ex = template.send("zendesk:users?operation=createMany", e -> e.getMessage().setBody(users(250)));

        assertThat(ex.getException()).isNull();
        List<LoggedRequest> posts = requests("POST", "/api/v2/users/create_many");
        assertThat(posts).hasSize(3);
        List<Integer> sizes = new ArrayList<>();
        for (LoggedRequest r : posts) {
            sizes.add(((List<?>) ZendeskJson.MAPPER.readValue(r.getBodyAsString(), Map.class).get("users")).size());
        }
        assertThat(sizes).containsExactly(100, 100, 50);
        for (String job : JOBS) {
            assertThat(requests("GET", "/api/v2/job_statuses/" + job)).hasSize(1);
        }

        BulkResult result = ex.getMessage().getBody(BulkResult.class);
        assertThat(result.items()).hasSize(250);
        assertThat(result.hasFailures()).isFalse();
        for (int i = 0; i < 250; i++) {
            BulkResult.Item item = result.items().get(i);
            assertThat(item.index()).isEqualTo(i);
            assertThat(item.id()).isEqualTo(9000000L + i);
            assertThat(item.raw()).containsEntry("email", String.format("user%03d@example.org", i));
        }
        List<?> jobs = ex.getMessage().getHeader(ZendeskConstants.JOB_STATUSES, List.class);
        assertThat(jobs).hasSize(3);
        assertThat(((JobStatus) jobs.get(1)).getJobId()).isEqualTo(JOBS[1]);
    }

    @Test
    void oneFailedItemFailsTheExchangeWithThatItemAndItsGlobalIndex() throws Exception {
        stubJobs(250, 105);

        Exchange ex = template.send("zendesk:users?operation=createMany", e -> e.getMessage().setBody(users(250)));

        assertThat(ex.getException()).isInstanceOf(ZendeskBulkException.class)
                .hasMessageContaining("1 of 250 users failed").hasMessageContaining("index=105")
                .hasMessageContaining("UserCreateError");
        BulkResult result = ((ZendeskBulkException) ex.getException()).getResult();
        assertThat(result.items()).hasSize(250);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(105);
            assertThat(f.success()).isFalse();
            assertThat(f.error()).isEqualTo("UserCreateError");
            assertThat(f.details()).contains("user105@example.org");
        });
        // the other items are reported as done, not lost
        assertThat(result.items().get(104).success()).isTrue();
        assertThat(result.items().get(106).id()).isEqualTo(9000106L);
    }

    @Test
    void aJobThatFailsAsAWholeFailsEachOfItsItems() throws Exception {
        wm.stubFor(post("/api/v2/users/create_many").willReturn(okJson(job(JOBS[0], "queued", null, 2))));
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("job_status", Map.of("id", JOBS[0], "status", "failed", "message", "Job failed: internal error",
                "total", 2));
        wm.stubFor(get("/api/v2/job_statuses/" + JOBS[0])
                .willReturn(okJson(ZendeskJson.MAPPER.writeValueAsString(failed))));

        Exchange ex = template.send("zendesk:users?operation=createMany", e -> e.getMessage().setBody(users(2)));

        assertThat(ex.getException()).isInstanceOf(ZendeskBulkException.class).hasMessageContaining("2 of 2");
        assertThat(((ZendeskBulkException) ex.getException()).getResult().failures())
                .extracting(BulkResult.Item::index).containsExactly(0, 1);
    }

    @Test
    void deleteManyWithIdsIsChunkedToo() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (long i = 0; i < 150; i++) {
            ids.add(35000 + i);
        }
        wm.stubFor(delete(urlPathEqualTo("/api/v2/tickets/destroy_many")).withQueryParam("ids", matching("35000,.*"))
                .willReturn(okJson(job(JOBS[0], "completed", List.of(), 100))));
        wm.stubFor(delete(urlPathEqualTo("/api/v2/tickets/destroy_many")).withQueryParam("ids", matching("35100,.*"))
                .willReturn(okJson(job(JOBS[1], "completed", List.of(), 50))));

        Exchange ex = template.send("zendesk:tickets?operation=deleteMany", e -> e.getMessage().setBody(ids));

        assertThat(ex.getException()).isNull();
        List<LoggedRequest> deletes = requests("DELETE", "/api/v2/tickets/destroy_many");
        assertThat(deletes).hasSize(2);
        assertThat(query(deletes.get(0)).get("ids").split(",")).hasSize(100).startsWith("35000").endsWith("35099");
        assertThat(query(deletes.get(1)).get("ids").split(",")).hasSize(50).startsWith("35100").endsWith("35149");
        // a job already completed in the answer is not polled
        assertThat(requests().stream().filter(r -> r.getUrl().startsWith("/api/v2/job_statuses"))).isEmpty();
    }
}
