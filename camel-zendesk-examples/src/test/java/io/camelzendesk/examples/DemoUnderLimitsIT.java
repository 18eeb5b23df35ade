package io.camelzendesk.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application (the JVM jar, or the native executable with {@code -Pnative}) under the conditions the
 * default demo does not meet: a small request plan (the component waits for the budget), 10-second access tokens
 * (the connected account's stored grant is refreshed, its refresh token rotated; client-credentials tokens renewed)
 * and a token store encrypted at rest (AES-GCM). The demo must still reach every milestone, and the component's
 * own report ({@code GET /demo/zendesk}, its dev console) must show the waits and the refreshes.
 */
@QuarkusIntegrationTest
@TestProfile(DemoUnderLimitsIT.Limits.class)
class DemoUnderLimitsIT {

    static final String DATA_DIR = "target/it-data-limits";
    /** 32 bytes, base64: a test key, not a secret. */
    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("examples.data-dir", DATA_DIR,
                    "examples.emulator.requests-per-minute", "120",
                    "zendesk.access-token-lifetime", "10s",
                    "zendesk.token-encryption-key", KEY);
        }
    }

    @Test
    void theDemoReachesEveryMilestoneWaitingForTheBudgetAndRefreshingItsTokens() throws IOException {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(
                () -> given().get("/demo/status").then().statusCode(200).extract().jsonPath().getBoolean("complete"));
        Map<String, Object> milestones = given().get("/demo/status").then().extract().jsonPath().getMap("milestones");
        assertThat(milestones).hasSize(14).doesNotContainValue(null);

        JsonPath zendesk = given().get("/demo/zendesk").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> accounts = zendesk.getList("accounts");
        assertThat(accounts).as("accounts").extracting(a -> a.get("name")).contains("default", ZendeskAccount.DEMO);
        long waited = accounts.stream().mapToLong(a -> ((Number) a.get("waitedMillis")).longValue()).sum();
        assertThat(waited).as("milliseconds the routes waited for the 120/min budget").isPositive();
        Map<String, Object> demo = accounts.stream().filter(a -> ZendeskAccount.DEMO.equals(a.get("name")))
                .findFirst().orElseThrow();
        assertThat(((Number) demo.get("tokenRefreshes")).longValue()).as("refreshes of the connected account")
                .isPositive();
        assertThat(demo).doesNotContainKey("reconnect");

        Path tokens = Path.of(DATA_DIR, "zendesk-state", "zendesk-tokens.dat");
        String stored = Files.readString(tokens, StandardCharsets.ISO_8859_1);
        assertThat(stored).as("the token file, encrypted").isNotEmpty()
                .doesNotContain("refresh", "access", "oauth/" + ZendeskAccount.DEMO + "\":{");
    }
}
