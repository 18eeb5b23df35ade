package io.camelzendesk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.quarkus.test.junit.QuarkusTest;

import static io.camelzendesk.examples.TestSupport.row;
import static io.camelzendesk.examples.TestSupport.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** routes/kb-sync.yaml: Markdown files -> Help Center articles; created, updated on a content change, archived. */
@QuarkusTest
class KbSyncTest {

    @Inject
    ZendeskAccount account;
    @Inject
    DataSource db;
    @ConfigProperty(name = "examples.kb.dir")
    String kbDir;

    EmulatorAdmin admin() {
        return account.admin().orElseThrow();
    }

    @Test
    void aFileIsPublishedUpdatedOnlyWhenItChangesAndArchivedWhenRemoved() throws Exception {
        String file = "kb-" + UUID.randomUUID().toString().substring(0, 8) + ".md";
        String title = "Rotating API keys " + file;
        DemoDriver.drop(Path.of(kbDir), file, """
                ---
                title: "%s"
                section: Security
                labels: [api, keys]
                ---
                Rotate keys **every 90 days**.

                - create a new key
                - delete the old one
                """.formatted(title));

        await().atMost(Duration.ofSeconds(30)).until(() -> row(db, "SELECT * FROM kb_article WHERE file_name = ?", file) != null);
        long articleId = (Long) row(db, "SELECT article_id FROM kb_article WHERE file_name = ?", file).get("article_id");
        ObjectNode article = admin().get("articles", articleId).orElseThrow();
        assertThat(article.get("title").asText()).isEqualTo(title);
        assertThat(article.get("body").asText()).contains("<strong>every 90 days</strong>", "<li>create a new key</li>");
        assertThat(article.get("label_names").toString()).contains("api", "keys");
        ObjectNode section = admin().get("sections", article.get("section_id").asLong()).orElseThrow();
        assertThat(section.get("name").asText()).isEqualTo("Security");

        // touched, same content: nothing is written
        int writesBefore = writes(admin(), "/articles/" + articleId, null).size();
        Files.setLastModifiedTime(Path.of(kbDir, file), FileTime.from(Instant.now().plusSeconds(2)));
        Thread.sleep(4000);
        assertThat(writes(admin(), "/articles/" + articleId, null)).hasSize(writesBefore);

        // changed: the translation and the labels are updated
        DemoDriver.drop(Path.of(kbDir), file, """
                ---
                title: "%s"
                section: Security
                labels: [api, keys, rotation]
                ---
                Rotate keys **every 30 days**.
                """.formatted(title));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get("articles", articleId).orElseThrow()
                .get("body").asText().contains("every 30 days"));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("articles", articleId).orElseThrow()
                .get("label_names").toString().contains("rotation"));

        // removed: the article is archived
        Files.delete(Path.of(kbDir, file));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get("articles", articleId).isEmpty());
        // the route marks the row once Zendesk archived the article: a moment later
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(
                row(db, "SELECT * FROM kb_article WHERE file_name = ?", file).get("archived")));
        assertThat(writes(admin(), "/articles/" + articleId, null)).anyMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void withoutFrontMatterTheTitleIsTheFirstHeading() throws Exception {
        String file = "plain-" + UUID.randomUUID().toString().substring(0, 8) + ".md";
        DemoDriver.drop(Path.of(kbDir), file, "# Plain article " + file + "\n\nJust *text*.\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> row(db, "SELECT * FROM kb_article WHERE file_name = ?", file) != null);
        long articleId = (Long) row(db, "SELECT article_id FROM kb_article WHERE file_name = ?", file).get("article_id");
        ObjectNode article = admin().get("articles", articleId).orElseThrow();
        assertThat(article.get("title").asText()).isEqualTo("Plain article " + file);
        assertThat(article.get("body").asText()).contains("<em>text</em>");
    }
}
