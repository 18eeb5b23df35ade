package io.camelzendesk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/** routes/omnichannel-tickets.yaml against the embedded emulator. */
@QuarkusTest
class OmnichannelTicketsTest {

    @Inject
    ZendeskAccount account;
    @ConfigProperty(name = "examples.data-dir")
    String dataDir;

    EmulatorAdmin admin() {
        return account.admin().orElseThrow();
    }

    @Test
    void formPostMakesOneTicketWithFieldsByNameAndARetryReturnsTheSameTicket() {
        String requestId = "req-" + UUID.randomUUID();
        String form = """
                {"name": "Dana Form", "email": "Dana.Form@example.org", "subject": "Invoice missing",
                 "message": "Where is my invoice?", "product": "Widget Lite", "order_number": "4711"}""";
        long id = given().contentType("application/json").header("X-Request-Id", requestId).body(form)
                .post("/support/requests").then().statusCode(201).body("ticket_id", notNullValue())
                .extract().jsonPath().getLong("ticket_id");
        // the same request again (a redelivery): the same ticket, no second one
        long again = given().contentType("application/json").header("X-Request-Id", requestId).body(form)
                .post("/support/requests").then().statusCode(200).extract().jsonPath().getLong("ticket_id");
        assertThat(again).isEqualTo(id);
        assertThat(tickets("form:" + requestId)).hasSize(1);

        ObjectNode ticket = admin().get("tickets", id).orElseThrow();
        assertThat(ticket.get("subject").asText()).isEqualTo("Invoice missing");
        assertThat(ticket.get("description").asText()).isEqualTo("Where is my invoice?");
        assertThat(ticket.get("tags").toString()).contains("channel_web");
        ObjectNode requester = admin().get("users", ticket.get("requester_id").asLong()).orElseThrow();
        assertThat(requester.get("email").asText()).isEqualTo("dana.form@example.org");
        assertThat(requester.get("name").asText()).isEqualTo("Dana Form");
        assertThat(customField(ticket, "Product")).isEqualTo("widget_lite");
        assertThat(customField(ticket, "Order number")).isEqualTo("4711");
        assertThat(customField(ticket, "Channel")).isEqualTo("web form");
    }

    @Test
    void badFormPostsAre400WithTheReason() {
        given().contentType("application/json").body("{\"subject\": \"x\", \"message\": \"y\"}")
                .post("/support/requests").then().statusCode(400).body("error", containsString("missing email"));
        given().contentType("application/json").body("{\"email\": \"nope\", \"subject\": \"x\", \"message\": \"y\"}")
                .post("/support/requests").then().statusCode(400).body("error", containsString("not an email"));
        given().contentType("application/json").body("not json").post("/support/requests").then().statusCode(400)
                .body("error", containsString("not valid JSON"));
        given().contentType("application/json")
                .body("{\"email\": \"a@b.org\", \"subject\": \"x\", \"message\": \"y\", \"product\": \"Nope\"}")
                .post("/support/requests").then().statusCode(400).body("error", containsString("Product"));
    }

    @Test
    void aFormEncodedPostIs415SayingWhatToSendAndEchoesNothingBack() {
        io.restassured.response.Response r = given().contentType("application/x-www-form-urlencoded")
                .header("X-Request-Id", "req-echo").header("X-Injected", "evil")
                .formParam("email", "echo@example.org").formParam("subject", "Echo").formParam("message", "m")
                .post("/support/requests");
        r.then().statusCode(415).contentType("application/json")
                .body("error", containsString("application/json"));
        // neither the form's fields nor the request's headers come back as response headers
        assertThat(r.headers().asList()).extracting(h -> h.getName().toLowerCase())
                .doesNotContain("email", "subject", "message", "x-request-id", "x-injected");
        assertThat(r.asString()).doesNotContain("echo@example.org").doesNotContain("evil");
    }

    @Test
    void aRequestIdReusedForAnotherRequestIs409SayingWhy() {
        String requestId = "req-" + UUID.randomUUID();
        given().contentType("application/json").header("X-Request-Id", requestId)
                .body("{\"email\": \"reuse@example.org\", \"subject\": \"First\", \"message\": \"one\"}")
                .post("/support/requests").then().statusCode(201);
        io.restassured.response.Response r = given().contentType("application/json").header("X-Request-Id", requestId)
                .body("{\"email\": \"reuse@example.org\", \"subject\": \"Second\", \"message\": \"two\"}")
                .post("/support/requests");
        // not 503: a retry can never succeed
        r.then().statusCode(409).contentType("application/json")
                .body("error", containsString("already used for a different request"));
        assertThat(tickets("form:" + requestId)).hasSize(1);
    }

    @Test
    void identicalPostsWithoutARequestIdAreTwoTicketsAndTheAnswerSaysARetryIsNotSafe() {
        String subject = "No id " + UUID.randomUUID();
        String form = "{\"email\": \"noid@example.org\", \"subject\": \"" + subject + "\", \"message\": \"same\"}";
        long first = given().contentType("application/json").body(form).post("/support/requests").then()
                .statusCode(201).body("retry_safe", org.hamcrest.Matchers.equalTo(false))
                .extract().jsonPath().getLong("ticket_id");
        long second = given().contentType("application/json").body(form).post("/support/requests").then()
                .statusCode(201).body("note", containsString("X-Request-Id"))
                .extract().jsonPath().getLong("ticket_id");
        assertThat(second).isNotEqualTo(first);
        // with a request id the answer is the plain one
        given().contentType("application/json").header("X-Request-Id", "req-" + UUID.randomUUID()).body(form)
                .post("/support/requests").then().statusCode(201)
                .body("retry_safe", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theSameEmailTwiceMakesOneTicketWithItsAttachment() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@customer.example>";
        String eml = DemoDriver.email(messageId, "Erin Mail <erin@customer.example>", "Printer on fire",
                "Please see the attached log.");
        Path inbox = Path.of(dataDir, "inbox", "email");
        DemoDriver.drop(inbox, "erin-" + messageId.hashCode() + ".eml", eml);
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets("email:" + messageId).size() == 1);
        // the same message dropped again (a redelivery with another file name): no second ticket
        DemoDriver.drop(inbox, "erin-again-" + messageId.hashCode() + ".eml", eml);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(inbox.resolve("done").resolve("erin-again-" + messageId.hashCode() + ".eml")));
        assertThat(tickets("email:" + messageId)).hasSize(1);

        ObjectNode ticket = tickets("email:" + messageId).get(0);
        assertThat(ticket.get("subject").asText()).isEqualTo("Printer on fire");
        assertThat(ticket.get("tags").toString()).contains("channel_email");
        List<ObjectNode> comments = admin().comments(ticket.get("id").asLong());
        assertThat(comments.get(0).get("body").asText()).contains("Please see the attached log.");
        assertThat(comments.get(0).get("attachments")).hasSize(1);
        assertThat(comments.get(0).get("attachments").get(0).get("file_name").asText()).isEqualTo("tps-report.csv");
    }

    @Test
    void aBadEmailGoesToTheErrorFolderWithTheReasonBesideIt() throws Exception {
        Path inbox = Path.of(dataDir, "inbox", "email");
        String name = "anonymous-" + UUID.randomUUID() + ".eml";
        DemoDriver.drop(inbox, name, "Subject: hello\r\n\r\nwho sent this?\r\n");
        Path reason = inbox.resolve("error").resolve(name + ".reason.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reason)
                                                           && Files.exists(inbox.resolve("error").resolve(name)));
        assertThat(Files.readString(reason)).contains("no From address");
        assertThat(Files.exists(inbox.resolve(name))).isFalse();
    }

    @Test
    void aChatTranscriptMakesATicketAndABadOneIsKeptWithItsReason() throws Exception {
        String chatId = "chat-" + UUID.randomUUID();
        Path inbox = Path.of(dataDir, "inbox", "chat");
        DemoDriver.drop(inbox, chatId + ".json", """
                {"chat_id": "%s", "visitor": {"name": "Carl Chat", "email": "carl@chat.example"},
                 "messages": [{"from": "visitor", "text": "My order never arrived", "at": "09:00"},
                              {"from": "agent", "text": "Let me check", "at": "09:01"}]}""".formatted(chatId));
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets("chat:" + chatId).size() == 1);
        ObjectNode ticket = tickets("chat:" + chatId).get(0);
        assertThat(ticket.get("subject").asText()).isEqualTo("Chat: My order never arrived");
        assertThat(ticket.get("description").asText()).contains("visitor: My order never arrived", "agent: Let me check");
        assertThat(customField(ticket, "Channel")).isEqualTo("chat");

        DemoDriver.drop(inbox, "broken.json", "{\"chat_id\": \"x\"}");
        Path reason = inbox.resolve("error").resolve("broken.json.reason.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reason));
        assertThat(Files.readString(reason)).contains("missing visitor");
    }

    List<ObjectNode> tickets(String externalId) {
        return admin().list("tickets").stream().filter(t -> externalId.equals(t.path("external_id").asText())).toList();
    }

    String customField(ObjectNode ticket, String title) {
        long fieldId = admin().list("ticket_fields").stream().filter(f -> title.equals(f.path("title").asText()))
                .findFirst().orElseThrow().get("id").asLong();
        for (var f : ticket.get("custom_fields")) {
            if (f.get("id").asLong() == fieldId) {
                return f.get("value").isNull() ? null : f.get("value").asText();
            }
        }
        return null;
    }
}
