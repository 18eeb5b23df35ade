package io.camelzendesk.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.test.LogCapture;
import io.camelzendesk.test.WebhookTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The YAML example of README.md, exactly as written, runs against the emulator. */
class ReadmeExampleTest {

    @Test
    void theReadmeRoutesCreateOneTicketPerRequestIdAndExportIt() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a YAML example").isTrue();
        String yaml = m.group(1);

        try (ZendeskEmulator emulator = ZendeskEmulator.builder().recentExclusion(Duration.ZERO).build();
             LogCapture log = LogCapture.capture()) {
            emulator.start();
            // a ticket changed by an agent before the routes start: the export route's first poll sees it
            long agentTicket = emulator.admin().createTicket(Map.of("subject", "Agent ticket", "status", "open",
                    "comment", Map.of("body", "Opened by an agent")))
                    .path("id").asLong();
            CamelContext context = new DefaultCamelContext();
            ZendeskConfiguration config = context.getComponent("zendesk", ZendeskComponent.class).getConfiguration();
            config.setBaseUrl(emulator.baseUrl());
            config.setEmail(ZendeskEmulator.ADMIN_EMAIL);
            config.setApiToken(ZendeskEmulator.API_TOKEN);
            config.setStateInMemory(true);
            VertxPlatformHttpServer server = WebhookTestSupport.addHttpServer(context);
            Resource routes = ResourceHelper.fromString("readme.yaml", yaml);
            PluginHelper.getRoutesLoader(context).loadRoutes(routes);
            context.start();
            try {
                int port = server.getServer().actualPort();
                byte[] form = ("{\"subject\": \"Printer on fire\", \"comment\": {\"body\": \"It is really on fire\"},"
                               + " \"requester\": {\"name\": \"Pat\", \"email\": \"pat@example.com\"}}").getBytes();
                var first = WebhookTestSupport.post(port, "/support/requests", form, Map.of("X-Request-Id", "req-1"));
                var again = WebhookTestSupport.post(port, "/support/requests", form, Map.of("X-Request-Id", "req-1"));
                assertThat(first.statusCode()).isEqualTo(200);
                assertThat(again.body()).isEqualTo(first.body()).startsWith("{\"ticket\": ");
                List<String> subjects = new CopyOnWriteArrayList<>();
                emulator.admin().list("tickets").forEach(t -> subjects.add(t.path("subject").asText()));
                assertThat(subjects).containsExactlyInAnyOrder("Agent ticket", "Printer on fire");
                await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("ticket " + agentTicket
                                                                                       + " is now open"));
            } finally {
                context.stop();
            }
        }
    }
}
