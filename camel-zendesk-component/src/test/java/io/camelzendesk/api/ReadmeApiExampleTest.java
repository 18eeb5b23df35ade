package io.camelzendesk.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.ZendeskAuth;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskClientConfig;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Ticket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java example of README.md's "The Zendesk API without Camel" is this test's code, and it runs. */
class ReadmeApiExampleTest {

    @Test
    void theReadmeExampleIsThisCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("## The Zendesk API without Camel\\n.*?```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as("README.md has the API example").isTrue();
        String source = Files.readString(Path.of("src/test/java/io/camelzendesk/api/ReadmeApiExampleTest.java"));
        assertThat(stripIndent(source)).contains(stripIndent(m.group(1)));
    }

    @Test
    void theReadmeExampleCreatesATicketWithACommentAndListsIt() {
        try (ZendeskEmulator emulator = ZendeskEmulator.builder().build()) {
            emulator.start();
            String baseUrl = emulator.baseUrl();
            String clientId = ZendeskEmulator.OAUTH_CLIENT_ID;
            String clientSecret = ZendeskEmulator.OAUTH_CLIENT_SECRET;

            try (ZendeskClient client = new ZendeskClient(ZendeskClientConfig.builder(baseUrl,
                    ZendeskAuth.clientCredentials(clientId, clientSecret, "read write", Duration.ofMinutes(30))).build())) {
                ZendeskApi api = new ZendeskApi(client);
                Ticket ticket = api.tickets().create(new Ticket().setSubject("Printer on fire")
                        .setComment(new Comment("It is really on fire", true)).fields()).join().body();
                api.tickets().addComment(ticket.getId(), new Comment("A new one is on its way", true).fields()).join();
                PageIterator<Ticket> tickets = api.tickets().list(ListOptions.DEFAULTS).join();
                tickets.forEachRemaining(t -> System.out.println(t.getId() + " " + t.getSubject()));
            }

            assertThat(emulator.admin().list("tickets")).hasSize(1);
            JsonNode created = emulator.admin().list("tickets").get(0);
            assertThat(created.path("subject").asText()).isEqualTo("Printer on fire");
            assertThat(emulator.admin().comments(created.path("id").asLong())).extracting(c -> c.path("body").asText())
                    .containsExactly("It is really on fire", "A new one is on its way");
        }
    }

    private static String stripIndent(String text) {
        return text.lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
    }
}
