package io.camelzendesk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.quarkus.test.junit.QuarkusTest;

import static io.camelzendesk.examples.TestSupport.byExternalId;
import static io.camelzendesk.examples.TestSupport.row;
import static io.camelzendesk.examples.TestSupport.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/ticket-routing.yaml and routes/post-resolution.yaml: the emulator delivers signed webhooks (registered by
 * the routes themselves) to the application.
 */
@QuarkusTest
class WebhookRoutesTest {

    @Inject
    ZendeskAccount account;
    @Inject
    DataSource db;
    @ConfigProperty(name = "examples.outbox.dir")
    String outbox;

    EmulatorAdmin admin() {
        return account.admin().orElseThrow();
    }

    String vipCustomer(String tier) {
        String acct = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        String contact = "ct-" + acct;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        update(db, "INSERT INTO crm_account (account_id, name, domain, tier, account_manager, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                acct, "Customer " + acct, acct + ".example", tier, "Gil Grant", now);
        update(db, "INSERT INTO crm_contact (contact_id, account_id, name, email, phone, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                contact, acct, "Vera " + acct, contact + "@" + acct + ".example", null, now);
        await().atMost(Duration.ofSeconds(30)).until(() -> byExternalId(admin(), "users", contact).isPresent()
                && row(db, "SELECT zendesk_id FROM crm_contact WHERE contact_id = ?", contact).get("zendesk_id") != null);
        return acct;
    }

    long post(String email, String subject, String message) {
        return given().contentType("application/json").body(Map.of("name", "Vera", "email", email, "subject", subject,
                "message", message)).post("/support/requests").then().statusCode(201).extract().jsonPath().getLong("ticket_id");
    }

    @Test
    void vipAndUrgentIsEscalatedAndARegularTicketIsRouted() {
        String acct = vipCustomer("Platinum");
        long vip = post("ct-" + acct + "@" + acct + ".example", "Production down", "Everything is down since 9:00, urgent!");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get("tickets", vip).orElseThrow()
                .get("tags").toString().contains("escalated"));
        ObjectNode t = admin().get("tickets", vip).orElseThrow();
        assertThat(t.get("priority").asText()).isEqualTo("urgent");
        assertThat(admin().get("groups", t.get("group_id").asLong()).orElseThrow().get("name").asText()).isEqualTo("Escalations");
        assertThat(t.get("tags").toString()).contains("vip", "tier_platinum", "routed");
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().comments(vip).stream()
                .anyMatch(c -> !c.get("public").asBoolean() && c.get("body").asText().contains("Escalated automatically")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(Path.of(outbox, "escalations", "ticket-" + vip + ".json")));

        long billing = post("someone-" + UUID.randomUUID() + "@example.org", "Refund please", "My last invoice is wrong.");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get("tickets", billing).orElseThrow()
                .get("tags").toString().contains("routed"));
        ObjectNode b = admin().get("tickets", billing).orElseThrow();
        assertThat(admin().get("groups", b.get("group_id").asLong()).orElseThrow().get("name").asText()).isEqualTo("Billing");
        assertThat(b.get("priority").asText()).isEqualTo("normal");
        assertThat(b.get("tags").toString()).doesNotContain("escalated");
    }

    @Test
    void aSolvedTicketOfAGoldCustomerGetsSurveyCrmUpdateNotificationAndOneFollowUp() throws Exception {
        String acct = vipCustomer("Gold");
        long id = post("ct-" + acct + "@" + acct + ".example", "How do I export?", "Where is the export button?");
        admin().updateTicket(id, Map.of("status", "solved", "comment", Map.of("body", "Top right.", "public", true)));

        await().atMost(Duration.ofSeconds(30)).until(() -> byExternalId(admin(), "tickets", "followup:" + id).isPresent());
        ObjectNode followUp = byExternalId(admin(), "tickets", "followup:" + id).orElseThrow();
        assertThat(followUp.get("type").asText()).isEqualTo("task");
        assertThat(followUp.get("subject").asText()).isEqualTo("Follow-up call: How do I export?");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(Path.of(outbox, "surveys", "survey-ticket-" + id + ".eml")));
        assertThat(Files.exists(Path.of(outbox, "notifications", "solved-ticket-" + id + ".txt"))).isTrue();
        Map<String, Object> row = row(db, "SELECT * FROM crm_account WHERE account_id = ?", acct);
        assertThat(row.get("resolved_count")).isEqualTo(1);
        assertThat(row.get("last_resolved_at")).isNotNull();
        assertThat(admin().list("tickets").stream().filter(t -> ("followup:" + id).equals(t.path("external_id").asText())))
                .hasSize(1);
        // the requester came side-loaded with the ticket: no read of it per solved ticket
        long requester = admin().get("tickets", id).orElseThrow().get("requester_id").asLong();
        assertThat(Files.readString(Path.of(outbox, "surveys", "survey-ticket-" + id + ".eml")))
                .contains("<ct-" + acct + "@" + acct + ".example>");
        assertThat(admin().requests()).noneMatch(r -> "GET".equals(r.method())
                && r.path().startsWith("/api/v2/users/" + requester));
    }
}
