package io.camelzendesk.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * Decides which Zendesk the routes talk to and produces the {@code zendesk} component configured for it:
 * <ul>
 * <li>{@code zendesk.subdomain} (or {@code zendesk.base-url}) set: that Zendesk, with the configured credentials
 * (OAuth first: {@code zendesk.client-id} + {@code zendesk.client-secret}; then {@code zendesk.oauth-token}; last
 * {@code zendesk.email} + {@code zendesk.api-token}, which Zendesk turns off on 2027-04-30); no emulator, no demo
 * driver;</li>
 * <li>otherwise: an emulator started inside the application, seeded, with the fields and the Help Center
 * category the routes use. The emulator is Zendesk's OAuth server too, with API tokens off (an account after
 * 2027-04-30): the routes use its OAuth client with the client-credentials grant, and the account {@value #DEMO}
 * (properties {@code zendesk.account.demo.*}) is connected by the demo driver through routes/connect.yaml
 * (authorization-code grant, tokens in the token store entry {@code oauth/demo}).</li>
 * </ul>
 */
@Singleton
public class ZendeskAccount {

    /** The named account the demo driver connects through the connect route (authorization-code grant). */
    public static final String DEMO = "demo";

    private static final Logger LOG = Logger.getLogger(ZendeskAccount.class);

    @ConfigProperty(name = "zendesk.subdomain")
    Optional<String> subdomain;
    @ConfigProperty(name = "zendesk.base-url")
    Optional<String> baseUrl;
    @ConfigProperty(name = "zendesk.email")
    Optional<String> email;
    @ConfigProperty(name = "zendesk.api-token")
    Optional<String> apiToken;
    @ConfigProperty(name = "zendesk.oauth-token")
    Optional<String> oauthToken;
    @ConfigProperty(name = "zendesk.client-id")
    Optional<String> clientId;
    @ConfigProperty(name = "zendesk.client-secret")
    Optional<String> clientSecret;
    @ConfigProperty(name = "zendesk.oauth-grant")
    Optional<String> oauthGrant;
    @ConfigProperty(name = "zendesk.token-encryption-key")
    Optional<String> tokenEncryptionKey;
    @ConfigProperty(name = "zendesk.access-token-lifetime")
    Optional<Duration> accessTokenLifetime;
    @ConfigProperty(name = "examples.emulator.seed", defaultValue = "50")
    int seed;
    @ConfigProperty(name = "examples.emulator.port", defaultValue = "0")
    int emulatorPort;
    @ConfigProperty(name = "examples.emulator.requests-per-minute", defaultValue = "700")
    int emulatorRequestsPerMinute;
    @ConfigProperty(name = "examples.data-dir", defaultValue = "data")
    String dataDir;

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    private volatile ZendeskEmulator emulator;

    /** True when no real Zendesk is configured: the routes run against the embedded emulator. */
    public boolean isEmulated() {
        return subdomain.filter(s -> !s.isBlank()).isEmpty() && baseUrl.filter(s -> !s.isBlank()).isEmpty();
    }

    /** The embedded emulator's admin handle (acting "as an agent"); empty against a real Zendesk. */
    public Optional<EmulatorAdmin> admin() {
        return Optional.ofNullable(startEmulator()).map(ZendeskEmulator::admin);
    }

    /** The embedded emulator's base URL, or the configured one. */
    public String url() {
        if (isEmulated()) {
            return startEmulator().baseUrl();
        }
        return baseUrl.filter(s -> !s.isBlank()).orElseGet(() -> "https://" + subdomain.orElseThrow() + ".zendesk.com");
    }

    synchronized ZendeskEmulator startEmulator() {
        if (!isEmulated()) {
            return null;
        }
        if (emulator == null) {
            long t0 = System.nanoTime();
            ZendeskEmulator zd = ZendeskEmulator.builder().seed(seed).port(emulatorPort).apiTokensEnabled(false)
                    .requestsPerMinute(emulatorRequestsPerMinute)
                    .recentExclusion(Duration.ofSeconds(1)).incrementalRequestsPerMinute(0)
                    .webhookRetryBackoff(Duration.ofMillis(500)).build();
            String url = zd.start();
            prepare(zd.admin());
            forgetSyncState();
            emulator = zd;
            LOG.infof("Embedded Zendesk emulator on %s (seed %d) in %d ms; OAuth client %s, API tokens off", url, seed,
                    (System.nanoTime() - t0) / 1_000_000, ZendeskEmulator.OAUTH_CLIENT_ID);
        }
        return emulator;
    }

    /** What a Zendesk admin would set up once for the routes: the ticket fields the CRM enrichment fills, a group. */
    static void prepare(EmulatorAdmin admin) {
        admin.create("ticket_fields", Map.of("type", "text", "title", "Customer tier", "key", "customer_tier"));
        admin.create("ticket_fields", Map.of("type", "text", "title", "Account manager", "key", "account_manager"));
        admin.create("ticket_fields", Map.of("type", "text", "title", "Channel", "key", "channel"));
        admin.create("groups", Map.of("name", "Escalations", "description", "VIP customers with urgent problems"));
    }

    /**
     * Every start has a new, empty emulator: what the CRM database says was synced with the previous one (ids,
     * hashes, published articles) means nothing, so it is cleared and the routes sync everything again.
     */
    private void forgetSyncState() {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE crm_account SET zendesk_id = NULL, synced_hash = NULL, synced_at = NULL");
            s.executeUpdate("UPDATE crm_contact SET zendesk_id = NULL, synced_hash = NULL, synced_at = NULL");
            s.executeUpdate("DELETE FROM kb_article");
        } catch (java.sql.SQLException e) {
            LOG.warnf("Could not reset the sync state of the CRM database: %s", e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Named("zendesk")
    ZendeskComponent zendeskComponent(CamelContext context) {
        ZendeskComponent component = new ZendeskComponent();
        ZendeskConfiguration c = component.getConfiguration();
        c.setStateDirectory(dataDir + "/zendesk-state");
        tokenEncryptionKey.filter(s -> !s.isBlank()).ifPresent(c::setTokenEncryptionKey);
        accessTokenLifetime.ifPresent(d -> c.setAccessTokenLifetime(d.toMillis()));
        if (isEmulated()) {
            ZendeskEmulator zd = startEmulator();
            c.setBaseUrl(zd.baseUrl());
            // server to server: the emulator's OAuth client, client-credentials grant (the default grant)
            c.setClientId(ZendeskEmulator.OAUTH_CLIENT_ID);
            c.setClientSecret(ZendeskEmulator.OAUTH_CLIENT_SECRET);
            defineDemoAccount(context);
            // the emulator has no export budget; a real account keeps the default pacing (10 a minute)
            c.setIncrementalRequestsPerMinute(0);
            // a fresh emulator per start: the positions and tokens stored by an earlier run mean nothing
            forgetStoredState();
        } else {
            subdomain.filter(s -> !s.isBlank()).ifPresent(c::setSubdomain);
            baseUrl.filter(s -> !s.isBlank()).ifPresent(c::setBaseUrl);
            email.filter(s -> !s.isBlank()).ifPresent(c::setEmail);
            apiToken.filter(s -> !s.isBlank()).ifPresent(c::setApiToken);
            oauthToken.filter(s -> !s.isBlank()).ifPresent(c::setOauthToken);
            clientId.filter(s -> !s.isBlank()).ifPresent(c::setClientId);
            clientSecret.filter(s -> !s.isBlank()).ifPresent(c::setClientSecret);
            oauthGrant.filter(s -> !s.isBlank()).ifPresent(c::setOauthGrant);
            LOG.infof("Routes run against %s (no emulator, no demo traffic)", url());
        }
        return component;
    }

    /**
     * The account {@value #DEMO}: the emulator's OAuth client with the authorization-code grant, as one would write
     * {@code zendesk.account.demo.oauth-grant=authorizationCode} (plus its client) in application.properties. Its
     * tokens come from the token store once the demo driver has connected it.
     */
    private void defineDemoAccount(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.addOverrideProperty("zendesk.account." + DEMO + ".oauth-grant", "authorizationCode");
        pc.addOverrideProperty("zendesk.account." + DEMO + ".client-id", ZendeskEmulator.OAUTH_CLIENT_ID);
        pc.addOverrideProperty("zendesk.account." + DEMO + ".client-secret", ZendeskEmulator.OAUTH_CLIENT_SECRET);
    }

    /**
     * The export positions and stored grants of a previous run belong to an emulator that is gone: their files in
     * the state directory are removed (the routes keep the default file store, as against a real Zendesk).
     */
    private void forgetStoredState() {
        for (String file : new String[] {"zendesk-positions.dat", "zendesk-tokens.dat"}) {
            try {
                Files.deleteIfExists(Path.of(dataDir, "zendesk-state", file));
            } catch (IOException e) {
                LOG.warnf("Could not remove %s of a previous run: %s", file, e.getMessage());
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
