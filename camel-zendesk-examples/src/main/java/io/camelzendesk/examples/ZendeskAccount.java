package io.camelzendesk.examples;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

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
 * ({@code zendesk.email} + {@code zendesk.api-token}, {@code zendesk.oauth-token}, or {@code zendesk.client-id} +
 * {@code zendesk.client-secret}); no emulator, no demo driver;</li>
 * <li>otherwise: an emulator started inside the application, seeded, with the fields and the Help Center
 * category the routes use.</li>
 * </ul>
 */
@Singleton
public class ZendeskAccount {

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
    @ConfigProperty(name = "examples.emulator.seed", defaultValue = "50")
    int seed;
    @ConfigProperty(name = "examples.emulator.port", defaultValue = "0")
    int emulatorPort;
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
        return baseUrl.filter(s -> !s.isBlank()).orElse("https://" + subdomain.orElseThrow() + ".zendesk.com");
    }

    synchronized ZendeskEmulator startEmulator() {
        if (!isEmulated()) {
            return null;
        }
        if (emulator == null) {
            long t0 = System.nanoTime();
            ZendeskEmulator zd = ZendeskEmulator.builder().seed(seed).port(emulatorPort)
                    .recentExclusion(Duration.ofSeconds(1)).incrementalRequestsPerMinute(0)
                    .webhookRetryBackoff(Duration.ofMillis(500)).build();
            String url = zd.start();
            prepare(zd.admin());
            forgetSyncState();
            emulator = zd;
            LOG.infof("Embedded Zendesk emulator on %s (seed %d) in %d ms; sign in as %s / token %s", url, seed,
                    (System.nanoTime() - t0) / 1_000_000, ZendeskEmulator.ADMIN_EMAIL, ZendeskEmulator.API_TOKEN);
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
    ZendeskComponent zendeskComponent() {
        ZendeskComponent component = new ZendeskComponent();
        ZendeskConfiguration c = component.getConfiguration();
        c.setStateDirectory(dataDir + "/zendesk-state");
        if (isEmulated()) {
            ZendeskEmulator zd = startEmulator();
            c.setBaseUrl(zd.baseUrl());
            c.setEmail(ZendeskEmulator.ADMIN_EMAIL);
            c.setApiToken(ZendeskEmulator.API_TOKEN);
            // the emulator has no export budget; a real account keeps the default pacing (10 a minute)
            c.setIncrementalRequestsPerMinute(0);
            // a fresh emulator per start: positions stored by an earlier run mean nothing
            c.setStateInMemory(true);
        } else {
            subdomain.filter(s -> !s.isBlank()).ifPresent(c::setSubdomain);
            baseUrl.filter(s -> !s.isBlank()).ifPresent(c::setBaseUrl);
            email.filter(s -> !s.isBlank()).ifPresent(c::setEmail);
            apiToken.filter(s -> !s.isBlank()).ifPresent(c::setApiToken);
            oauthToken.filter(s -> !s.isBlank()).ifPresent(c::setOauthToken);
            clientId.filter(s -> !s.isBlank()).ifPresent(c::setClientId);
            clientSecret.filter(s -> !s.isBlank()).ifPresent(c::setClientSecret);
            LOG.infof("Routes run against %s (no emulator, no demo traffic)", url());
        }
        return component;
    }

    @PreDestroy
    synchronized void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
