package io.camelzendesk.component;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.camelzendesk.test.LogCapture;

import static io.camelzendesk.test.WebhookTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Refused deliveries are visible to an operator: one WARN line per reason, not one per request, and no secret. */
class ZendeskWebhookRefusalLogTest {

    private static final String SECRET = "dGhpc2lzYXNpZ25pbmdzZWNyZXQxMjM0NTY3ODkw";
    private static final String PATH = "/zendesk/webhook";

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void eachRefusalReasonLogsOneWarnLineAtMostOnceAMinuteWithoutTheSignature() throws Exception {
        context = new DefaultCamelContext();
        VertxPlatformHttpServer server = addHttpServer(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:webhook?maxBodySize=1024&signingSecret=" + SECRET).to("log:never");
            }
        });
        context.start();
        byte[] body = statusChanged("ev-1", 1, "open", "solved");
        String text;
        String forgedSignature;
        try (LogCapture logs = LogCapture.capture()) {
            Map<String, String> forged = signedHeaders("not-the-secret", body);
            forgedSignature = forged.get("X-Zendesk-Webhook-Signature");
            assertThat(post(server.getPort(), PATH, body, forged).statusCode()).isEqualTo(401);
            for (int i = 0; i < 20; i++) {
                // each with an invocation id of its own: one line per request would be 20 distinct lines
                assertThat(post(server.getPort(), PATH, body, signedHeaders("not-the-secret", body)).statusCode())
                        .isEqualTo(401);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(post(server.getPort(), PATH, body, Map.of()).statusCode()).isEqualTo(401);
            }
            byte[] notJson = "not json".getBytes();
            assertThat(post(server.getPort(), PATH, notJson, signedHeaders(SECRET, notJson)).statusCode())
                    .isEqualTo(400);
            byte[] big = new byte[4096];
            assertThat(post(server.getPort(), PATH, big, signedHeaders(SECRET, big)).statusCode()).isEqualTo(413);
            text = logs.text();
        }
        // (the capture sees a line once per logger configuration it passes: distinct lines are the log's lines)
        assertThat(text.lines().filter(l -> l.contains("refused with 401: signature does not match")).distinct())
                .as("21 forged deliveries, one WARN line").hasSize(1);
        assertThat(text.lines().filter(l -> l.contains("refused with 401: missing X-Zendesk-Webhook-Signature"))
                .distinct()).hasSize(1);
        assertThat(text).contains("refused again with 401: signature does not match");
        assertThat(text).contains("refused with 400: body is not JSON").contains("refused with 413");
        assertThat(text).doesNotContain(SECRET).doesNotContain(forgedSignature);
    }
}
