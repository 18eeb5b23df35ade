package io.camelzendesk.examples;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, started in its own process by Quarkus, prod
 * profile: embedded emulator + demo driver): the demo traffic goes through every route within a bound. Each
 * milestone is checked by the application against the resulting state (Zendesk, CRM database, folders).
 */
@QuarkusIntegrationTest
class DemoTrafficIT {

    @Test
    void theDemoTrafficGoesThroughEveryRoute() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(
                () -> given().get("/demo/status").then().statusCode(200).extract().jsonPath().getBoolean("complete"));
        Map<String, Object> milestones = given().get("/demo/status").then().extract().jsonPath().getMap("milestones");
        assertThat(milestones).isNotEmpty().doesNotContainValue(null);
    }
}
