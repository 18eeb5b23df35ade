package io.camelzendesk.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.PropertyTestUtil;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

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

    private static final String FEATURES = "Installed features: [";

    @Test
    void theDemoTrafficGoesThroughEveryRoute() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(
                () -> given().get("/demo/status").then().statusCode(200).extract().jsonPath().getBoolean("complete"));
        Map<String, Object> milestones = given().get("/demo/status").then().extract().jsonPath().getMap("milestones");
        // the count docs/examples.md gives ("all 14 milestones reached"), the connect flow's among them
        assertThat(milestones).hasSize(14).doesNotContainValue(null)
                .containsKey("connect: account demo connected (authorization code, tokens stored) and used by the route");

        // the component's own report (its dev console): OAuth on both accounts, the export consumer's position in
        // the position file, the signed webhook deliveries accepted, the realtime consumers
        JsonPath zendesk = given().get("/demo/zendesk").then().statusCode(200).extract().jsonPath();
        assertThat(zendesk.getList("accounts.credentials", String.class)).as("credentials").isNotEmpty()
                .allSatisfy(kind -> assertThat(kind).containsIgnoringCase("oauth"));
        assertThat(zendesk.getList("exports.position", String.class)).as("export positions").isNotEmpty()
                .doesNotContainNull();
        assertThat(zendesk.getList("webhooks.accepted", Integer.class)).as("webhook deliveries accepted").isNotEmpty()
                .anySatisfy(n -> assertThat(n).isPositive());
        // the realtime routes (ticket routing, post-resolution): their webhooks served, changes delivered by them
        assertThat(zendesk.getList("realtime.webhook", String.class)).as("realtime webhooks").hasSize(2)
                .containsOnly("serving");
        assertThat(zendesk.getList("realtime.deliveredByWebhook", Integer.class)).as("delivered by webhook")
                .anySatisfy(n -> assertThat(n).isPositive());
        assertThat(Path.of("target/it-data/zendesk-state/zendesk-positions.dat")).as("the position file").exists();
    }

    /** The component comes through its Quarkus extension (the bare component jar installs no feature). */
    @Test
    void theApplicationRunsTheCamelZendeskExtension() throws IOException {
        // Quarkus writes the output of the application it started to this file
        Path log = PropertyTestUtil.getLogFilePath();
        String line = Files.readAllLines(log).stream().filter(l -> l.contains(FEATURES)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + FEATURES + "' line in " + log));
        String list = line.substring(line.indexOf(FEATURES) + FEATURES.length(), line.lastIndexOf(']'));
        List<String> features = Arrays.stream(list.split(",")).map(String::trim).toList();
        assertThat(features).contains("camel-zendesk", "camel-platform-http", "camel-yaml-dsl");
    }
}
