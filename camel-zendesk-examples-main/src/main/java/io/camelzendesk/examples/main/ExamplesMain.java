package io.camelzendesk.examples.main;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * The YAML routes of {@code routes/} on plain Camel ({@link org.apache.camel.main.Main}, no Quarkus), against an
 * embedded Zendesk emulator. What the Quarkus application ({@code camel-zendesk-examples}) gets from CDI and
 * application.properties is done here by hand: the emulator, the {@code zendesk} component, the {@code default}
 * DataSource (H2 with crm-schema.sql), the {@code examples.*} properties and the platform-http server. The helper
 * beans ({@code crmSync}, {@code kbMarkdown}, {@code ticketRequests}, {@code ticketRouting}, {@code channelKeys})
 * are declared by the YAML files themselves ({@code - beans:}), from the examples module's jar.
 * <p>
 * With the emulator the component uses its OAuth client (client credentials), and the account {@value #DEMO} is
 * defined for the connect route (authorization-code grant).
 * <p>
 * Configuration: system properties ({@code -Dexamples.data-dir=...}) over the defaults of
 * camel-zendesk-examples' application.properties; {@code camel.server.port} (default 8080) is the HTTP port.
 */
public final class ExamplesMain implements AutoCloseable {

    /** The named account connected through routes/connect.yaml with the emulator (as in the Quarkus application). */
    public static final String DEMO = "demo";

    private static final Logger LOG = LoggerFactory.getLogger(ExamplesMain.class);

    private final Map<String, String> config;
    private ZendeskEmulator emulator;
    private JdbcConnectionPool dataSource;
    private Main main;

    /** @param overrides settings over the defaults ({@code examples.*}, {@code camel.*}) */
    public ExamplesMain(Map<String, String> overrides) {
        this.config = resolve(overrides);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("examples.") || k.toString().startsWith("camel.")) {
                overrides.put(k.toString(), v.toString());
            }
        });
        try (ExamplesMain app = new ExamplesMain(overrides)) {
            app.run(args);
        }
    }

    /** The defaults of camel-zendesk-examples/src/main/resources/application.properties, then the overrides. */
    static Map<String, String> resolve(Map<String, String> overrides) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("examples.routes-dir", "routes");
        c.put("examples.data-dir", "data");
        c.put("camel.server.port", "8080");
        c.putAll(overrides);
        String dataDir = c.get("examples.data-dir");
        c.putIfAbsent("examples.emulator.seed", "50");
        c.putIfAbsent("examples.emulator.port", "0");
        c.putIfAbsent("examples.export-delay", "3000");
        c.putIfAbsent("examples.crm.poll-period", "3000");
        c.putIfAbsent("examples.kb.dir", dataDir + "/kb");
        c.putIfAbsent("examples.kb.category", "Knowledge base");
        c.putIfAbsent("examples.kb.permission-group-id", "373000000001");
        c.putIfAbsent("examples.outbox.dir", dataDir + "/outbox");
        c.putIfAbsent("examples.self-url", "http://127.0.0.1:" + c.get("camel.server.port"));
        c.putIfAbsent("examples.db.url", "jdbc:h2:file:" + Path.of(dataDir, "crm").toAbsolutePath()
                + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;INIT=RUNSCRIPT FROM 'classpath:crm-schema.sql'");
        c.putIfAbsent("camel.server.enabled", "true");
        if (c.containsKey("camel.component.zendesk.subdomain") || c.containsKey("camel.component.zendesk.base-url")) {
            c.putIfAbsent("camel.component.zendesk.state-directory", dataDir + "/zendesk-state");
        }
        c.putIfAbsent("camel.main.name", "camel-zendesk-examples");
        c.putIfAbsent("camel.main.routes-include-pattern", "file:" + c.get("examples.routes-dir") + "/*.yaml");
        return c;
    }

    /** A Zendesk account is configured ({@code camel.component.zendesk.subdomain} or {@code .base-url}). */
    boolean usesOwnZendesk() {
        return config.containsKey("camel.component.zendesk.subdomain")
               || config.containsKey("camel.component.zendesk.base-url");
    }

    public String get(String key) {
        return config.get(key);
    }

    /** The emulator's admin handle (acting "as an agent"). */
    public EmulatorAdmin admin() {
        return emulator.admin();
    }

    /** Starts the emulator, the database and Camel, and returns (the routes keep running). */
    public void start() throws Exception {
        main().start();
    }

    /** Starts everything and blocks until Camel is stopped (Ctrl+C). */
    public void run(String[] args) throws Exception {
        main().run(args);
    }

    private synchronized Main main() {
        if (main != null) {
            return main;
        }
        dataSource = JdbcConnectionPool.create(get("examples.db.url"), "sa", "");
        ZendeskComponent zendesk = null;
        if (usesOwnZendesk()) {
            // a real account: camel-main configures the component from camel.component.zendesk.* (secrets masked)
            LOG.info("Using the Zendesk account of camel.component.zendesk.*; no emulator");
        } else {
            long t0 = System.nanoTime();
            int seed = Integer.parseInt(get("examples.emulator.seed"));
            // Zendesk's OAuth server too, with API tokens off (an account after 2027-04-30)
            emulator = ZendeskEmulator.builder().seed(seed).port(Integer.parseInt(get("examples.emulator.port")))
                    .apiTokensEnabled(false).recentExclusion(Duration.ofSeconds(1)).incrementalRequestsPerMinute(0)
                    .webhookRetryBackoff(Duration.ofMillis(500)).build();
            String url = emulator.start();
            prepare(emulator.admin());
            LOG.info("Embedded Zendesk emulator on {} (seed {}) in {} ms; OAuth client {}, API tokens off", url, seed,
                    (System.nanoTime() - t0) / 1_000_000, ZendeskEmulator.OAUTH_CLIENT_ID);
            forgetSyncState();
            zendesk = new ZendeskComponent();
            ZendeskConfiguration zc = zendesk.getConfiguration();
            zc.setStateDirectory(get("examples.data-dir") + "/zendesk-state");
            zc.setBaseUrl(url);
            // server to server: the emulator's OAuth client, client-credentials grant (the default grant)
            zc.setClientId(ZendeskEmulator.OAUTH_CLIENT_ID);
            zc.setClientSecret(ZendeskEmulator.OAUTH_CLIENT_SECRET);
            forgetStoredGrants();
            zc.setIncrementalRequestsPerMinute(0); // the emulator has no export budget
            zc.setStateInMemory(true);             // a fresh emulator per start: stored positions mean nothing
        }

        Main m = new Main();
        // not the classpath application.properties (the examples jar's is Quarkus configuration)
        m.setDefaultPropertyPlaceholderLocation("false");
        if (zendesk != null) {
            m.bind("zendesk", zendesk);
        }
        m.bind("default", dataSource);
        config.forEach(m::addOverrideProperty);
        if (emulator != null) {
            // the account "demo", connected through routes/connect.yaml (authorization-code grant), as the Quarkus
            // application defines it
            m.addOverrideProperty("zendesk.account." + DEMO + ".oauth-grant", "authorizationCode");
            m.addOverrideProperty("zendesk.account." + DEMO + ".client-id", ZendeskEmulator.OAUTH_CLIENT_ID);
            m.addOverrideProperty("zendesk.account." + DEMO + ".client-secret", ZendeskEmulator.OAUTH_CLIENT_SECRET);
        }
        main = m;
        return m;
    }

    /** What a Zendesk admin sets up once for the routes (as ZendeskAccount.prepare of the Quarkus application). */
    public static void prepare(EmulatorAdmin admin) {
        admin.create("ticket_fields", Map.of("type", "text", "title", "Customer tier", "key", "customer_tier"));
        admin.create("ticket_fields", Map.of("type", "text", "title", "Account manager", "key", "account_manager"));
        admin.create("ticket_fields", Map.of("type", "text", "title", "Channel", "key", "channel"));
        admin.create("groups", Map.of("name", "Escalations", "description", "VIP customers with urgent problems"));
    }

    /** A new emulator each start: the grants a previous run stored are for an emulator that is gone. */
    private void forgetStoredGrants() {
        try {
            java.nio.file.Files.deleteIfExists(Path.of(get("examples.data-dir"), "zendesk-state", "zendesk-tokens.dat"));
        } catch (java.io.IOException e) {
            LOG.warn("Could not remove the token file of a previous run: {}", e.getMessage());
        }
    }

    /** A new emulator each start: what the CRM database remembers of the previous one is cleared. */
    private void forgetSyncState() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE crm_account SET zendesk_id = NULL, synced_hash = NULL, synced_at = NULL");
            s.executeUpdate("UPDATE crm_contact SET zendesk_id = NULL, synced_hash = NULL, synced_at = NULL");
            s.executeUpdate("DELETE FROM kb_article");
        } catch (SQLException e) {
            LOG.warn("Could not reset the sync state of the CRM database: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (main != null) {
            try {
                main.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping Camel: {}", e.getMessage());
            }
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
        if (dataSource != null) {
            dataSource.dispose();
            dataSource = null;
        }
    }
}
