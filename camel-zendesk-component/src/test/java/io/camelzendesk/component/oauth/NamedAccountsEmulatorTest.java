package io.camelzendesk.component.oauth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.account.ZendeskAccount;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.test.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several Zendesk accounts in one CamelContext, each on its own emulator: named by properties or connected at run
 * time, chosen per endpoint or per exchange; nothing crosses between them.
 */
class NamedAccountsEmulatorTest {

    @TempDir
    Path state;
    private ZendeskEmulator acme;
    private ZendeskEmulator globex;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        acme = ZendeskEmulator.builder().requestsPerMinute(0).build();
        acme.start();
        globex = ZendeskEmulator.builder().requestsPerMinute(0).build();
        globex.start();
        context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("zendesk.account.acme.baseUrl", acme.baseUrl());
        p.setProperty("zendesk.account.acme.clientId", ZendeskEmulator.OAUTH_CLIENT_ID);
        p.setProperty("zendesk.account.acme.clientSecret", ZendeskEmulator.OAUTH_CLIENT_SECRET);
        // kebab-case, as Spring Boot and Quarkus users write their properties
        p.setProperty("zendesk.account.globex.base-url", globex.baseUrl());
        p.setProperty("zendesk.account.globex.client-id", ZendeskEmulator.OAUTH_CLIENT_ID);
        p.setProperty("zendesk.account.globex.client-secret", ZendeskEmulator.OAUTH_CLIENT_SECRET);
        p.setProperty("zendesk.account.globex.requests-per-minute", "120");
        context.getPropertiesComponent().setInitialProperties(p);
        ZendeskComponent zendesk = new ZendeskComponent();
        // the component's OAuth client serves accounts connected at run time (they are in globex's emulator here)
        zendesk.getConfiguration().setClientId(ZendeskEmulator.OAUTH_CLIENT_ID);
        zendesk.getConfiguration().setClientSecret(ZendeskEmulator.OAUTH_CLIENT_SECRET);
        zendesk.getConfiguration().setStateDirectory(state.toString());
        context.addComponent("zendesk", zendesk);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:acme").to("zendesk:tickets?operation=create&account=acme");
                from("direct:globex").to("zendesk:tickets?operation=create&account=globex");
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        acme.close();
        globex.close();
    }

    private static Map<String, Object> ticket(String subject) {
        return Map.of("subject", subject, "comment", Map.of("body", "b"));
    }

    @Test
    void eachEndpointAndEachExchangeReachesItsOwnAccount() {
        ProducerTemplate template = context.createProducerTemplate();
        template.requestBody("direct:acme", ticket("for acme"));
        template.requestBody("direct:globex", ticket("for globex"));
        // the header picks another account for one exchange
        template.requestBodyAndHeader("direct:acme", ticket("for globex by header"), ZendeskConstants.ACCOUNT, "globex");

        assertThat(acme.admin().ticketCountsBySubject("for ")).containsOnlyKeys("for acme");
        assertThat(globex.admin().ticketCountsBySubject("for ")).containsOnlyKeys("for globex",
                "for globex by header");
        // own tokens, own limiter, own health check: two accounts in the registry
        List<ZendeskAccount> accounts = context.getComponent("zendesk", ZendeskComponent.class).getAccounts().list();
        assertThat(accounts).hasSize(2);
        assertThat(accounts).extracting(a -> a.client().config().baseUrl().toString())
                .containsExactlyInAnyOrder(acme.baseUrl(), globex.baseUrl());
        assertThat(accounts).extracting(a -> a.client().config().requestsPerMinute()).containsExactlyInAnyOrder(0, 120);
        assertThat(accounts).extracting(ZendeskAccount::id).doesNotHaveDuplicates();
        assertThat(acme.admin().oauthStats().clientCredentials()).isEqualTo(1);
        assertThat(globex.admin().oauthStats().clientCredentials()).isEqualTo(1);
    }

    @Test
    void anUnknownAccountIsAClearError() {
        assertThatThrownBy(() -> context.getEndpoint("zendesk:tickets?operation=get&account=initech"))
                .hasMessageContaining("Unknown Zendesk account 'initech'")
                .hasMessageContaining("zendesk.account.initech.subdomain");
        assertThatThrownBy(() -> context.createProducerTemplate().requestBodyAndHeader("direct:acme", ticket("x"),
                ZendeskConstants.ACCOUNT, "initech"))
                .hasRootCauseMessage(rootMessage("initech"));
    }

    private static String rootMessage(String name) {
        return "Unknown Zendesk account '" + name + "': define it with the properties zendesk.account." + name
               + ".subdomain (or .baseUrl) and its credentials, or connect it (the zendesk:connect route or the"
               + " connect command line, docs/oauth.md)";
    }

    @Test
    void anAccountConnectedAtRunTimeIsUsedWithoutARestart() throws Exception {
        ProducerTemplate template = context.createProducerTemplate();
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:acme", ticket("t"), ZendeskConstants.ACCOUNT,
                "initech")).hasRootCauseMessage(rootMessage("initech"));

        EmulatorGrants.connect(globex, new TokenStore(TokenFileRepository.inDirectory(state.toString()), null),
                "initech", Duration.ofMinutes(30));
        Ticket created = template.requestBodyAndHeader("direct:acme", ticket("for initech"), ZendeskConstants.ACCOUNT,
                "initech", Ticket.class);
        assertThat(created.getId()).isNotNull();
        assertThat(globex.admin().ticketCountsBySubject("for initech")).containsEntry("for initech", 1);
        assertThat(acme.admin().ticketCountsBySubject("for initech")).isEmpty();
        assertThat(globex.admin().oauthStats().codeExchanges()).isEqualTo(1);
    }

    @Test
    void anApiTokenAccountIsWarnedOfOnceNamingTheDate() throws Exception {
        String apiToken = "baseUrl=" + acme.baseUrl() + "&email=" + ZendeskEmulator.ADMIN_EMAIL + "&apiToken="
                          + ZendeskEmulator.API_TOKEN + "&clientId=&clientSecret=";
        try (LogCapture log = LogCapture.capture()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:token1").routeId("token1").to("zendesk:users?operation=me&" + apiToken);
                    from("direct:token2").to("zendesk:tickets?operation=get&" + apiToken);
                }
            });
            context.createProducerTemplate().requestBody("direct:token1", (Object) null);
            context.getRouteController().stopRoute("token1");
            context.getRouteController().startRoute("token1");
            context.createProducerTemplate().requestBody("direct:token1", (Object) null);
            List<String> warnings = log.lines(Level.WARN).stream().filter(l -> l.contains("API token")).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("2027-04-30").contains("docs/oauth.md")
                    .doesNotContain(ZendeskEmulator.API_TOKEN);
        }
    }
}
