package io.camelzendesk.test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;


import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import io.camelzendesk.emulator.WebhookSigning;

/**
 * Real HTTP to a platform-http route: a Vert.x server on a random loopback port, and deliveries signed here, with
 * javax.crypto, the way Zendesk signs them (independently of the component's verifier).
 */
public final class WebhookTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private WebhookTestSupport() {
    }

    /** Adds a platform-http server on 127.0.0.1, random port, to the context; read the port once started. */
    public static VertxPlatformHttpServer addHttpServer(CamelContext context) throws Exception {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(0);
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        context.addService(server);
        return server;
    }

    /** base64(HMAC-SHA256(secret, timestamp + body)). */
    public static String sign(String secret, String timestamp, byte[] body) {
        return WebhookSigning.sign(secret, timestamp, body);
    }

    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The headers of a signed delivery with a fresh invocation id. */
    public static Map<String, String> signedHeaders(String secret, byte[] body) {
        return signedHeaders(secret, body, now(), UUID.randomUUID().toString());
    }

    public static Map<String, String> signedHeaders(String secret, byte[] body, String timestamp, String invocationId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Zendesk-Webhook-Signature", sign(secret, timestamp, body));
        h.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        h.put("X-Zendesk-Webhook-Invocation-Id", invocationId);
        h.put("X-Zendesk-Webhook-Id", "01HWEBHOOK");
        h.put("X-Zendesk-Account-Id", "4242");
        return h;
    }

    public static HttpResponse<String> post(int port, String path, byte[] body, Map<String, String> headers)
            throws Exception {
        return HTTP.send(request(port, path, HttpRequest.BodyPublishers.ofByteArray(body), headers),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a chunked body: no Content-Length for the server to check first. */
    public static HttpResponse<String> postChunked(int port, String path, byte[] body, Map<String, String> headers)
            throws Exception {
        return HTTP.send(request(port, path,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers),
                HttpResponse.BodyHandlers.ofString());
    }

    public static java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(int port, String path,
            byte[] body, Map<String, String> headers) {
        return HTTP.sendAsync(request(port, path, HttpRequest.BodyPublishers.ofByteArray(body), headers),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String path, HttpRequest.BodyPublisher body,
            Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body);
        headers.forEach(b::header);
        return b.build();
    }

    /** A ticket.status_changed event as Zendesk sends it. */
    public static byte[] statusChanged(String eventId, long ticketId, String from, String to) {
        return event("zen:event-type:ticket.status_changed", eventId, ticketId,
                "{\"current\":\"" + to + "\",\"previous\":\"" + from + "\"}");
    }

    public static byte[] event(String type, String eventId, long ticketId, String change) {
        return ("{\"account_id\":4242,\"detail\":{\"id\":\"" + ticketId + "\",\"status\":\"SOLVED\",\"subject\":\"Printer"
                + " on fire\"},\"event\":" + change + ",\"id\":\"" + eventId + "\",\"subject\":\"zen:ticket:" + ticketId
                + "\",\"time\":\"2025-01-31T10:00:00Z\",\"type\":\"" + type + "\",\"zendesk_event_version\":"
                + "\"2022-11-06\"}").getBytes(StandardCharsets.UTF_8);
    }
}
