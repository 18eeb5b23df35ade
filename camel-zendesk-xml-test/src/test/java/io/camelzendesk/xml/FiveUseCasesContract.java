package io.camelzendesk.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.EmulatorAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One behaviour of each of the five use cases, as a user sees it in Zendesk (the emulator), the CRM database or the
 * outbox, whatever form the routes are written in: each subclass starts the routes of one form against an emulator.
 */
abstract class FiveUseCasesContract {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The emulator's admin handle (acting as an agent, reading what the routes did). */
    abstract EmulatorAdmin admin();

    /** The setting {@code examples.*} the routes run with ({@code examples.data-dir}, {@code examples.db.url}...). */
    abstract String setting(String key);

    @Test
    void aChatTranscriptBecomesATicket() throws Exception {
        String chatId = "chat-" + UUID.randomUUID().toString().substring(0, 8);
        drop(Path.of(setting("examples.data-dir"), "inbox", "chat"), chatId + ".json", """
                {"chat_id": "%s", "visitor": {"name": "Pam Beesly", "email": "pam@dundermifflin.example"},
                 "messages": [{"from": "visitor", "text": "The scanner jams on every page", "at": "10:02"}]}
                """.formatted(chatId));

        ObjectNode ticket = await().atMost(PATIENCE).until(() -> ticketWithExternalId("chat:" + chatId),
                Optional::isPresent).orElseThrow();
        assertThat(ticket.get("subject").asText()).isEqualTo("Chat: The scanner jams on every page");
        assertThat(ticket.get("tags").toString()).contains("channel_chat");
    }

    @Test
    void aCrmAccountBecomesAnOrganization() throws Exception {
        String accountId = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(setting("examples.db.url"), "sa", "");
                PreparedStatement ps = c.prepareStatement("INSERT INTO crm_account (account_id, name, domain, tier,"
                        + " account_manager, updated_at) VALUES (?, ?, ?, 'Gold', 'Michael Scott', ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, "Vance Refrigeration " + accountId);
            ps.setString(3, accountId + ".example");
            ps.setObject(4, OffsetDateTime.now());
            ps.executeUpdate();
        }

        ObjectNode org = await().atMost(PATIENCE).until(() -> admin().list("organizations").stream()
                .filter(o -> accountId.equals(o.path("external_id").asText())).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(org.get("name").asText()).isEqualTo("Vance Refrigeration " + accountId);
        await().atMost(PATIENCE).until(() -> crmZendeskId(accountId), id -> id == org.get("id").asLong());
    }

    @Test
    void aNewTicketIsRouted() {
        long id = admin().createTicket(Map.of("subject", "Our site is down " + UUID.randomUUID(),
                "description", "Nothing loads since this morning.")).get("id").asLong();

        ObjectNode ticket = await().atMost(PATIENCE).until(() -> admin().get("tickets", id).orElseThrow(),
                t -> t.get("tags").toString().contains("routed"));
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        assertThat(ticket.get("group_id").isNull()).as("a group was set").isFalse();
    }

    @Test
    void aKbMarkdownFileBecomesAnArticle() throws Exception {
        String file = "kb-" + UUID.randomUUID().toString().substring(0, 8) + ".md";
        String title = "Resetting your password " + file;
        drop(Path.of(setting("examples.kb.dir")), file, """
                ---
                title: "%s"
                section: Getting started
                labels: [password, account]
                ---
                Use **Forgot password** on the sign-in page.
                """.formatted(title));

        ObjectNode article = await().atMost(PATIENCE).until(() -> admin().list("articles").stream()
                .filter(a -> title.equals(a.path("title").asText())).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(article.get("body").asText()).contains("<strong>Forgot password</strong>");
        assertThat(article.get("label_names").toString()).contains("password", "account");
    }

    @Test
    void aSolvedTicketSendsASurvey() throws Exception {
        long requester = admin().createUser(Map.of("name", "Dwight Schrute",
                "email", "dwight-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org")).get("id").asLong();
        long id = admin().createTicket(Map.of("subject", "Beet delivery late", "description", "Where are my beets?",
                "requester_id", requester)).get("id").asLong();
        admin().updateTicket(id, Map.of("status", "solved"));

        Path survey = Path.of(setting("examples.outbox.dir"), "surveys", "survey-ticket-" + id + ".eml");
        await().atMost(PATIENCE).until(() -> Files.exists(survey));
        assertThat(Files.readString(survey)).startsWith("To: Dwight Schrute <dwight-")
                .contains("Subject: How did we do? [ticket #" + id + "] Beet delivery late");
    }

    Optional<ObjectNode> ticketWithExternalId(String externalId) {
        return admin().list("tickets").stream().filter(t -> externalId.equals(t.path("external_id").asText()))
                .findFirst();
    }

    long crmZendeskId(String accountId) throws Exception {
        try (Connection c = DriverManager.getConnection(setting("examples.db.url"), "sa", "");
                PreparedStatement ps = c.prepareStatement("SELECT zendesk_id FROM crm_account WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Writes the file beside its folder's consumer, then moves it in at once (no half-written file is read). */
    static void drop(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
