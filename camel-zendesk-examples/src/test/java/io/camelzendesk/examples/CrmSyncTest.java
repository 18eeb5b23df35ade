package io.camelzendesk.examples;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.quarkus.test.junit.QuarkusTest;

import static io.camelzendesk.examples.TestSupport.byExternalId;
import static io.camelzendesk.examples.TestSupport.row;
import static io.camelzendesk.examples.TestSupport.update;
import static io.camelzendesk.examples.TestSupport.writes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** routes/crm-sync.yaml: CRM rows <-> Zendesk organizations and users, no ping-pong, conflict rule, enrichment. */
@QuarkusTest
class CrmSyncTest {

    /** Several CRM polls (1 s) and export polls (1 s) in the test profile. */
    static final Duration SEVERAL_POLLS = Duration.ofSeconds(6);

    @Inject
    ZendeskAccount account;
    @Inject
    DataSource db;
    @Inject
    CamelContext camel;

    EmulatorAdmin admin() {
        return account.admin().orElseThrow();
    }

    String newAccount(String name, String tier, String manager) {
        String id = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        update(db, "INSERT INTO crm_account (account_id, name, domain, tier, account_manager, updated_at)"
                   + " VALUES (?, ?, ?, ?, ?, ?)", id, name + " " + id, id + ".example", tier, manager, now());
        return id;
    }

    static OffsetDateTime now() {
        // the database keeps microseconds
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    ObjectNode awaitOrganization(String accountId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> byExternalId(admin(), "organizations", accountId).isPresent()
                && row(db, "SELECT synced_hash FROM crm_account WHERE account_id = ?", accountId).get("synced_hash") != null);
        return byExternalId(admin(), "organizations", accountId).orElseThrow();
    }

    @Test
    void crmAccountsAndContactsBecomeOrganizationsAndUsers() {
        String acct = newAccount("Umbrella", "Gold", "Ann Archer");
        String contact = "ct-" + UUID.randomUUID().toString().substring(0, 8);
        update(db, "INSERT INTO crm_contact (contact_id, account_id, name, email, phone, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                contact, acct, "Uma Brella", contact + "@Umbrella.example", "+1 555 0199", now());

        ObjectNode org = awaitOrganization(acct);
        assertThat(org.get("name").asText()).isEqualTo("Umbrella " + acct);
        assertThat(org.get("domain_names").get(0).asText()).isEqualTo(acct + ".example");
        assertThat(org.get("organization_fields").get("tier").asText()).isEqualTo("Gold");
        assertThat(org.get("organization_fields").get("account_manager").asText()).isEqualTo("Ann Archer");
        assertThat(row(db, "SELECT zendesk_id FROM crm_account WHERE account_id = ?", acct).get("zendesk_id"))
                .isEqualTo(org.get("id").asLong());

        await().atMost(Duration.ofSeconds(30)).until(() -> byExternalId(admin(), "users", contact).isPresent());
        ObjectNode user = byExternalId(admin(), "users", contact).orElseThrow();
        assertThat(user.get("email").asText()).isEqualTo(contact + "@umbrella.example");
        assertThat(user.get("phone").asText()).isEqualTo("+1 555 0199");
        assertThat(user.get("organization_id").asLong()).isEqualTo(org.get("id").asLong());
        assertThat(user.get("role").asText()).isEqualTo("end-user");
    }

    @Test
    void oneCrmChangeIsExactlyOneZendeskWriteAndNoLoop() throws Exception {
        String acct = newAccount("Stark", "Silver", "Bob Baker");
        awaitOrganization(acct);
        Thread.sleep(SEVERAL_POLLS.toMillis());
        int writesBefore = writes(admin(), "/organizations", acct).size();
        assertThat(writesBefore).as("the initial create_or_update").isEqualTo(1);

        OffsetDateTime changedAt = now();
        update(db, "UPDATE crm_account SET tier = 'Platinum', updated_at = ? WHERE account_id = ?", changedAt, acct);
        await().atMost(Duration.ofSeconds(30)).until(() -> byExternalId(admin(), "organizations", acct).orElseThrow()
                .get("organization_fields").path("tier").asText().equals("Platinum"));

        // several CRM polls and export polls later: still exactly one write for the change, and the CRM row was not
        // written back (the export saw our own write and recognised it as an echo)
        Thread.sleep(SEVERAL_POLLS.toMillis());
        assertThat(writes(admin(), "/organizations", acct)).hasSize(writesBefore + 1);
        Map<String, Object> row = row(db, "SELECT * FROM crm_account WHERE account_id = ?", acct);
        assertThat(row.get("tier")).isEqualTo("Platinum");
        assertThat(CrmSync.instant(row.get("updated_at"))).isEqualTo(changedAt.toInstant());
        assertThat(CrmSync.instant(row.get("synced_at"))).isEqualTo(changedAt.toInstant());
    }

    @Test
    void aZendeskChangeUpdatesTheCrmAndIsNotSentBack() throws Exception {
        String acct = newAccount("Wayne", "Bronze", "Carol Chen");
        ObjectNode org = awaitOrganization(acct);
        Thread.sleep(2000);
        int writesBefore = writes(admin(), "/organizations", acct).size();

        // an agent edits the organization in Zendesk
        admin().updateOrganization(org.get("id").asLong(), Map.of("organization_fields",
                Map.of("tier", "Gold", "account_manager", "Dave Diaz")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Gold".equals(
                row(db, "SELECT tier FROM crm_account WHERE account_id = ?", acct).get("tier")));
        Map<String, Object> row = row(db, "SELECT * FROM crm_account WHERE account_id = ?", acct);
        assertThat(row.get("account_manager")).isEqualTo("Dave Diaz");
        assertThat(row.get("synced_at")).isEqualTo(row.get("updated_at"));

        Thread.sleep(SEVERAL_POLLS.toMillis());
        assertThat(writes(admin(), "/organizations", acct)).as("no write back to Zendesk").hasSize(writesBefore);
    }

    @Test
    void conflictTheNewerChangeWinsAndATieGoesToTheCrm() throws Exception {
        String acct = newAccount("Tyrell", "Silver", "Eve Evans");
        ObjectNode org = awaitOrganization(acct);
        camel.getRouteController().stopRoute("crm-accounts-to-zendesk");
        try {
            // both sides change the account; the CRM change is the newer one
            admin().updateOrganization(org.get("id").asLong(), Map.of("organization_fields",
                    Map.of("tier", "Bronze", "account_manager", "Eve Evans")));
            update(db, "UPDATE crm_account SET tier = 'Platinum', updated_at = ? WHERE account_id = ?",
                    now().plusSeconds(5), acct);
            // the export reads Zendesk's change: the CRM is newer, so the CRM row stays
            Thread.sleep(SEVERAL_POLLS.toMillis());
            assertThat(row(db, "SELECT tier FROM crm_account WHERE account_id = ?", acct).get("tier")).isEqualTo("Platinum");
        } finally {
            camel.getRouteController().startRoute("crm-accounts-to-zendesk");
        }
        // the pending CRM change then overwrites Zendesk
        await().atMost(Duration.ofSeconds(30)).until(() -> byExternalId(admin(), "organizations", acct).orElseThrow()
                .get("organization_fields").path("tier").asText().equals("Platinum"));
    }

    @Test
    void newTicketsOfCrmCustomersAreEnrichedOnce() throws Exception {
        String acct = newAccount("Cyberdyne", "Platinum", "Fay Fox");
        String contact = "ct-" + UUID.randomUUID().toString().substring(0, 8);
        update(db, "INSERT INTO crm_contact (contact_id, account_id, name, email, phone, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                contact, acct, "Miles Dyson", contact + "@cyberdyne.example", null, now());
        awaitOrganization(acct);
        await().atMost(Duration.ofSeconds(30)).until(() -> byExternalId(admin(), "users", contact).isPresent());

        long id = given().contentType("application/json").body("""
                {"name": "Miles Dyson", "email": "%s@cyberdyne.example", "subject": "Chip overheating",
                 "message": "The chip runs hot."}""".formatted(contact))
                .post("/support/requests").then().statusCode(201).extract().jsonPath().getLong("ticket_id");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get("tickets", id).orElseThrow()
                .get("tags").toString().contains("crm_enriched"));
        ObjectNode ticket = admin().get("tickets", id).orElseThrow();
        assertThat(TestSupport.customField(admin(), ticket, "Customer tier")).isEqualTo("Platinum");
        assertThat(TestSupport.customField(admin(), ticket, "Account manager")).isEqualTo("Fay Fox");
        assertThat(ticket.get("tags").toString()).contains("channel_web");

        Thread.sleep(SEVERAL_POLLS.toMillis());
        // the routing route also updates the ticket (group, priority): count the updates that carry the CRM field
        long tierField = admin().list("ticket_fields").stream().filter(f -> "Customer tier".equals(f.path("title").asText()))
                .findFirst().orElseThrow().get("id").asLong();
        assertThat(writes(admin(), "/api/v2/tickets/" + id, null)).filteredOn(r -> r.body().replace(" ", "")
                .contains("\"id\":" + tierField)).as("one enrichment update, no loop").hasSize(1);
    }
}
