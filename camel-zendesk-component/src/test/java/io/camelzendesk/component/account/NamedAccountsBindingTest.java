package io.camelzendesk.component.account;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import io.camelzendesk.component.ZendeskConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A named account's properties are bound by the generated configurer of {@link ZendeskConfiguration}, not by
 * reflection: in the native examples app, binding by reflection found no setter (the class is not reflective), bound
 * nothing and said nothing, and the connected account failed with "No Zendesk credentials".
 */
class NamedAccountsBindingTest {

    @Test
    void everyOptionOfANamedAccountHasAGeneratedConfigurer() {
        CamelContext context = new DefaultCamelContext();
        PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer(ZendeskConfiguration.class.getName(), context);
        assertThat(configurer).as("the configurer of ZendeskConfiguration (its service descriptor)")
                .isInstanceOf(PropertyConfigurerGetter.class);
        PropertyConfigurerGetter getter = (PropertyConfigurerGetter) configurer;
        assertThat(NamedAccounts.OPTIONS).allSatisfy(
                option -> assertThat(getter.getOptionType(option, true)).as(option).isNotNull());
    }

    @Test
    void theAccountsPropertiesAreBoundWithTheirTypes() {
        ZendeskConfiguration account = NamedAccounts.resolve(context("acme", "request-timeout", "10s"),
                endpoint("acme"));
        assertThat(account.getBaseUrl()).isEqualTo("http://127.0.0.1:1");
        assertThat(account.getClientId()).isEqualTo("client");
        assertThat(account.getRequestTimeout()).isEqualTo(10_000);
    }

    @Test
    void aValueThatCannotBeBoundFailsNamingTheOption() {
        assertThatThrownBy(() -> NamedAccounts.resolve(context("acme", "requests-per-minute", "many"),
                endpoint("acme")))
                .hasMessageContaining("requestsPerMinute");
    }

    private static ZendeskConfiguration endpoint(String account) {
        ZendeskConfiguration c = new ZendeskConfiguration();
        c.setAccount(account);
        return c;
    }

    private static CamelContext context(String name, String option, String value) {
        CamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("zendesk.account." + name + ".base-url", "http://127.0.0.1:1");
        p.setProperty("zendesk.account." + name + ".client-id", "client");
        p.setProperty("zendesk.account." + name + ".client-secret", "secret");
        p.setProperty("zendesk.account." + name + "." + option, value);
        context.getPropertiesComponent().setInitialProperties(p);
        return context;
    }
}
