package io.camelzendesk.examples;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Zendesk the routes talk to, from the properties (no Quarkus needed: the decision only). */
class ZendeskAccountTest {

    /** zendesk.base-url alone (a proxy, a Zendesk on another host): the app failed to start with NoSuchElementException. */
    @Test
    void aBaseUrlWithoutSubdomainIsThatZendesk() {
        // an empty property is an empty Optional in Quarkus
        ZendeskAccount account = account(Optional.empty(), Optional.of("http://127.0.0.1:18978"));
        assertThat(account.isEmulated()).isFalse();
        assertThat(account.url()).isEqualTo("http://127.0.0.1:18978");
    }

    @Test
    void aSubdomainIsItsZendeskComHost() {
        assertThat(account(Optional.of("acme"), Optional.empty()).url()).isEqualTo("https://acme.zendesk.com");
    }

    @Test
    void neitherIsTheEmbeddedEmulator() {
        assertThat(account(Optional.empty(), Optional.of(" ")).isEmulated()).isTrue();
    }

    private static ZendeskAccount account(Optional<String> subdomain, Optional<String> baseUrl) {
        ZendeskAccount account = new ZendeskAccount();
        account.subdomain = subdomain;
        account.baseUrl = baseUrl;
        return account;
    }
}
