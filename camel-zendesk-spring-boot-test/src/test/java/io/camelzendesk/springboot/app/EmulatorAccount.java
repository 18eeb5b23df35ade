package io.camelzendesk.springboot.app;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelzendesk.emulator.ZendeskEmulator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The {@code camel.component.zendesk.*} properties the application tests run with: the emulator's account, with the
 * given API token; and the name of that account's health check. The emulator's export budget is unlimited (no
 * pacing) and positions are not kept between test runs; the application's export route polls every 300 ms.
 */
final class EmulatorAccount {

    private EmulatorAccount() {
    }

    static void register(DynamicPropertyRegistry registry, ZendeskEmulator zendesk, String apiToken) {
        registry.add("camel.component.zendesk.base-url", zendesk::baseUrl);
        registry.add("camel.component.zendesk.email", () -> ZendeskEmulator.ADMIN_EMAIL);
        registry.add("camel.component.zendesk.api-token", () -> apiToken);
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
