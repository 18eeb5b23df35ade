package io.camelzendesk.springboot.app;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelzendesk.emulator.ZendeskEmulator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The {@code camel.component.zendesk.*} properties the application tests run with: the emulator's account, on its
 * OAuth client (client-credentials grant), or with an API token (until Zendesk turns them off on 2027-04-30); and the
 * name of that account's health check. The emulator's export budget is unlimited (no
 * pacing) and positions are not kept between test runs; the application's export route polls every 300 ms.
 */
final class EmulatorAccount {

    private EmulatorAccount() {
    }

    /** The emulator's OAuth client, with the given secret. */
    static void register(DynamicPropertyRegistry registry, ZendeskEmulator zendesk, String clientSecret) {
        registry.add("camel.component.zendesk.client-id", () -> ZendeskEmulator.OAUTH_CLIENT_ID);
        registry.add("camel.component.zendesk.client-secret", () -> clientSecret);
        common(registry, zendesk);
    }

    /** The emulator's admin with the given API token. */
    static void registerApiToken(DynamicPropertyRegistry registry, ZendeskEmulator zendesk, String apiToken) {
        registry.add("camel.component.zendesk.email", () -> ZendeskEmulator.ADMIN_EMAIL);
        registry.add("camel.component.zendesk.api-token", () -> apiToken);
        common(registry, zendesk);
    }

    private static void common(DynamicPropertyRegistry registry, ZendeskEmulator zendesk) {
        registry.add("camel.component.zendesk.base-url", zendesk::baseUrl);
        registry.add("camel.component.zendesk.incremental-requests-per-minute", () -> "0");
        registry.add("camel.component.zendesk.state-in-memory", () -> "true");
        registry.add("zendesk.export.delay", () -> "300");
    }

    /**
     * The name of the account's readiness check among the details of Camel's health (zendesk-127.0.0.1-<port>-<hash of
     * the client configuration>), or a name no check has.
     */
    static String accountCheck(JsonNode details, int port) {
        Iterator<String> names = details.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.matches("zendesk-127\\.0\\.0\\.1-" + port + "-[0-9a-f]{8}")) {
                return name;
            }
        }
        return "zendesk-127.0.0.1-" + port + " (no such check)";
    }
}
