package io.camelzendesk.springboot.app;

import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second Zendesk account defined in Spring's Environment (as lines {@code zendesk.account.acme.*} of
 * application.properties would), on its own OAuth client: reached with option {@code account=acme} or the header
 * {@code CamelZendeskAccount}, while the endpoints that name no account keep the component's.
 */
@SpringBootTest(properties = {
        "zendesk.account.acme.client-id=" + ZendeskEmulator.OAUTH_CLIENT_ID,
        "zendesk.account.acme.client-secret=" + ZendeskEmulator.OAUTH_CLIENT_SECRET,
        "zendesk.account.acme.requests-per-minute=100" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ZendeskNamedAccountSpringBootTest {

    static final ZendeskEmulator COMPONENT = ZendeskEmulator.builder().incrementalRequestsPerMinute(0).build();
    static final ZendeskEmulator ACME = ZendeskEmulator.builder().seed(0).apiTokensEnabled(false).build();

    static {
        COMPONENT.start();
        ACME.start();
    }

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        EmulatorAccount.register(registry, COMPONENT, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        registry.add("zendesk.account.acme.base-url", ACME::baseUrl);
    }

    @AfterAll
    static void stopZendesk() {
        COMPONENT.close();
        ACME.close();
    }

    @Autowired
    ProducerTemplate producer;

    @Test
    void theNamedAccountIsReachedByOptionAndByHeader() {
        producer.requestBody("zendesk:tickets?operation=create&account=acme",
                Map.of("subject", "By option", "comment", Map.of("body", "Hello")));
        producer.requestBodyAndHeader("zendesk:tickets?operation=create",
                Map.of("subject", "By header", "comment", Map.of("body", "Hello")), "CamelZendeskAccount", "acme");
        // an endpoint that names no account: the component's
        producer.requestBody("zendesk:tickets?operation=create",
                Map.of("subject", "For the component", "comment", Map.of("body", "Hello")));

        assertThat(subjects(ACME)).containsExactly("By option", "By header");
        assertThat(subjects(COMPONENT)).contains("For the component").doesNotContain("By option", "By header");
        assertThat(ACME.admin().oauthStats().clientCredentials()).as("acme's own client").isPositive();
    }

    @Test
    void anUnknownAccountIsAClearError() {
        assertThatThrownBy(() -> producer.requestBody("zendesk:users?operation=me&account=nobody", (Object) null))
                .hasStackTraceContaining("Unknown Zendesk account 'nobody'");
    }

    private static List<String> subjects(ZendeskEmulator zendesk) {
        return zendesk.admin().list("tickets").stream().map(t -> t.path("subject").asText()).toList();
    }
}
