package io.camelzendesk.component.oauth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.client.OAuthTokenEndpoint;
import io.camelzendesk.client.OAuthTokens;
import io.camelzendesk.client.ZendeskAuth;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskClientConfig;
import io.camelzendesk.client.ZendeskReconnectRequiredException;
import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.emulator.OAuthStats;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.test.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accounts connected with the authorization-code grant, against the emulator's OAuth server: access tokens that
 * live seconds, single-use refresh tokens rotated in the token store, restarts, revocation.
 */
class StoredGrantEmulatorTest {

    /** The traffic of {@link #twoSecondTokensForAMinuteOfTraffic}: 60 s as issue 15 asks, shorter by property. */
    private static final long TRAFFIC_SECONDS = Long.getLong("zendesk.oauth.trafficSeconds", 60);

    @TempDir
    Path state;
    private ZendeskEmulator emulator;
    private final List<CamelContext> contexts = new ArrayList<>();

    @BeforeEach
    void start() {
        emulator = ZendeskEmulator.builder().requestsPerMinute(0).build();
        emulator.start();
    }

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
        emulator.close();
    }

    private CamelContext context(String... extra) {
        CamelContext context = new DefaultCamelContext();
        context.setDevConsole(true);
        ZendeskComponent zendesk = new ZendeskComponent();
        zendesk.getConfiguration().setBaseUrl(emulator.baseUrl());
        zendesk.getConfiguration().setClientId(ZendeskEmulator.OAUTH_CLIENT_ID);
        zendesk.getConfiguration().setClientSecret(ZendeskEmulator.OAUTH_CLIENT_SECRET);
        zendesk.getConfiguration().setOauthGrant("authorizationCode");
        zendesk.getConfiguration().setAccessTokenLifetime(2_000);
        zendesk.getConfiguration().setStateDirectory(state.toString());
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i].equals("tokenEncryptionKey")) {
                zendesk.getConfiguration().setTokenEncryptionKey(extra[i + 1]);
            }
        }
        context.addComponent("zendesk", zendesk);
        context.start();
        contexts.add(context);
        return context;
    }

    /** Four workers calling for that many seconds; returns the calls that succeeded, collects the failures. */
    private static long traffic(long seconds, List<Throwable> failures, java.util.function.IntConsumer call) {
        AtomicLong calls = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int worker = w;
            workers.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    try {
                        call.accept(worker);
                        calls.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }, threads));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        threads.shutdown();
        return calls.get();
    }

    private TokenStore store(String key) {
        return new TokenStore(TokenFileRepository.inDirectory(state.toString()), key);
    }

    @Test
    void twoSecondTokensForAMinuteOfTraffic() throws Exception {
        EmulatorGrants.connect(emulator, store(null), "default", Duration.ofSeconds(2));
        CamelContext context = context();
        ProducerTemplate template = context.createProducerTemplate();
        try (LogCapture log = LogCapture.capture()) {
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            long calls = traffic(TRAFFIC_SECONDS, failures, worker -> {
                if (worker == 0) {
                    template.requestBody("zendesk:tickets?operation=create",
                            Map.of("subject", "t" + worker, "comment", Map.of("body", "b")));
                } else {
                    template.requestBody("zendesk:users?operation=me", (Object) null);
                }
            });
            OAuthStats stats = emulator.admin().oauthStats();
            System.out.printf("2-second tokens for %d s: %d calls, %d failures, %d refreshes, %d invalid_grant,"
                              + " %d refresh-token reuses, %d requests refused for an expired or rotated token%n",
                    TRAFFIC_SECONDS, calls, failures.size(), stats.refreshes(), stats.invalidGrants(),
                    stats.refreshTokenReuses(), stats.expiredAccessTokenRejections());
            assertThat(failures).as("calls that failed (a 401 reaching the route among them)").isEmpty();
            assertThat(stats.refreshTokenReuses()).as("each refresh token used exactly once").isZero();
            assertThat(stats.invalidGrants()).isZero();
            assertThat(stats.refreshes()).as("about one refresh a second").isGreaterThanOrEqualTo(TRAFFIC_SECONDS / 2);
            // refreshed before expiry: a token left to expire would cost a 401 before each refresh
            assertThat(stats.expiredAccessTokenRejections()).isLessThan(stats.refreshes() / 2);
            StoredGrant last = store(null).read("default").grant();
            assertThat(last.generation()).isEqualTo(stats.refreshes() + 1);
            assertThat(log.text()).doesNotContain(last.accessToken(), last.refreshToken(),
                    ZendeskEmulator.OAUTH_CLIENT_SECRET);
        }
    }

    /**
     * Two contexts on one token store, as two nodes: a refresh by one deletes the access token the other holds, whose
     * next request is refused with 401 and sent once more with the token the store now has.
     */
    @Test
    void twoNodesOnOneStoreShareTheRotatingGrant() throws Exception {
        EmulatorGrants.connect(emulator, store(null), "default", Duration.ofSeconds(2));
        List<ProducerTemplate> nodes = List.of(context().createProducerTemplate(), context().createProducerTemplate());
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long calls = traffic(Math.min(TRAFFIC_SECONDS, 20), failures,
                worker -> nodes.get(worker % 2).requestBody("zendesk:users?operation=me", (Object) null));
        OAuthStats stats = emulator.admin().oauthStats();
        System.out.printf("two nodes, 2-second tokens: %d calls, %d failures, %d refreshes, %d invalid_grant, %d reuses,"
                          + " %d requests refused for a rotated token (sent again)%n", calls, failures.size(),
                stats.refreshes(), stats.invalidGrants(), stats.refreshTokenReuses(),
                stats.expiredAccessTokenRejections());
        assertThat(failures).isEmpty();
        assertThat(stats.refreshTokenReuses()).isZero();
        assertThat(stats.invalidGrants()).isZero();
    }

    /** Another node refreshed: the token this one holds was deleted by Zendesk; its 401 is answered by sending again. */
    @Test
    void aTokenRotatedByAnotherNodeIsRefusedOnceAndReplacedFromTheStore() throws Exception {
        EmulatorGrants.connect(emulator, store(null), "default", Duration.ofMinutes(30));
        ProducerTemplate template = context().createProducerTemplate();
        template.requestBody("zendesk:users?operation=me", (Object) null);

        TokenStore.Entry entry = store(null).read("default");
        try (ZendeskClient client = new ZendeskClient(
                ZendeskClientConfig.builder(emulator.baseUrl(), ZendeskAuth.none()).build())) {
            OAuthTokens fresh = new OAuthTokenEndpoint(client).refresh(ZendeskEmulator.OAUTH_CLIENT_ID,
                    ZendeskEmulator.OAUTH_CLIENT_SECRET, entry.grant().refreshToken(), Duration.ofMinutes(30),
                    Duration.ofDays(30)).join();
            assertThat(store(null).replace("default", entry.stored(),
                    entry.grant().refreshed(fresh, System.currentTimeMillis()))).isNotNull();
        }
        template.requestBody("zendesk:users?operation=me", (Object) null);
        OAuthStats stats = emulator.admin().oauthStats();
        assertThat(stats.expiredAccessTokenRejections()).as("the one 401, sent again").isEqualTo(1);
        assertThat(stats.refreshes()).as("no refresh of its own: the store had the new token").isEqualTo(1);
    }

    @Test
    void aRestartUsesTheStoredRefreshToken() throws Exception {
        EmulatorGrants.connect(emulator, store(null), "default", Duration.ofSeconds(2));
        CamelContext first = context();
        first.createProducerTemplate().requestBody("zendesk:users?operation=me", (Object) null);
        Thread.sleep(2_100);
        first.createProducerTemplate().requestBody("zendesk:users?operation=me", (Object) null);
        first.stop();
        assertThat(emulator.admin().oauthStats().refreshes()).isEqualTo(1);
        String rotated = store(null).read("default").grant().refreshToken();

        Thread.sleep(2_100);
        CamelContext second = context();
        second.createProducerTemplate().requestBody("zendesk:users?operation=me", (Object) null);
        OAuthStats stats = emulator.admin().oauthStats();
        assertThat(stats.refreshes()).isEqualTo(2);
        assertThat(stats.refreshTokenReuses()).isZero();
        assertThat(store(null).read("default").grant().refreshToken()).isNotEqualTo(rotated);
    }

    @Test
    void aRevokedGrantTurnsHealthDownFailsFastAndHealsWhenConnectedAgain() throws Exception {
        StoredGrant connected = EmulatorGrants.connect(emulator, store(null), "default", Duration.ofSeconds(2));
        CamelContext context = context();
        ProducerTemplate template = context.createProducerTemplate();
        template.requestBody("zendesk:users?operation=me", (Object) null);
        emulator.admin().revokeOAuthGrants();

        assertThatThrownBy(() -> template.requestBody("zendesk:users?operation=me", (Object) null))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(ZendeskReconnectRequiredException.class)
                .hasMessageContaining("must be connected again").hasMessageContaining("invalid_grant");
        assertThat(store(null).read("default").grant().status()).isEqualTo(StoredGrant.RECONNECT);

        // fail fast: no request reaches Zendesk, within the recheck interval and after it (the store is read again)
        int before = emulator.admin().requests().size();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> template.requestBody("zendesk:users?operation=me", (Object) null))
                    .hasRootCauseInstanceOf(ZendeskReconnectRequiredException.class);
        }
        Thread.sleep(StoredGrantTokens.RECHECK_MILLIS + 100);
        assertThatThrownBy(() -> template.requestBody("zendesk:users?operation=me", (Object) null))
                .hasRootCauseInstanceOf(ZendeskReconnectRequiredException.class);
        HealthCheck.Result health = HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("zendesk-")).findFirst().orElseThrow();
        assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health.getMessage()).get().asString().contains("connected again");
        assertThat(emulator.admin().requests().size()).as("requests sent to Zendesk").isEqualTo(before);
        String console = (String) DevConsoleRegistry.get(context).resolveById("zendesk").call(DevConsole.MediaType.TEXT);
        assertThat(console).contains("credentials: OAuth authorization code (token store)").contains("Reconnect: ");
        for (String shown : List.of(console, String.valueOf(health.getDetails()), health.getMessage().get())) {
            assertThat(shown).doesNotContain(connected.accessToken(), connected.refreshToken(),
                    ZendeskEmulator.OAUTH_CLIENT_SECRET);
        }

        // connected again: works without a restart
        EmulatorGrants.connect(emulator, store(null), "default", Duration.ofSeconds(2));
        Thread.sleep(StoredGrantTokens.RECHECK_MILLIS + 100);
        assertThat((Object) template.requestBody("zendesk:users?operation=me", (Object) null)).isNotNull();
    }

    @Test
    void tokensAreEncryptedAtRestWhenAKeyIsSet() throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        StoredGrant grant = EmulatorGrants.connect(emulator, store(key), "default", Duration.ofSeconds(2));
        CamelContext context = context("tokenEncryptionKey", key);
        Thread.sleep(2_100);
        context.createProducerTemplate().requestBody("zendesk:users?operation=me", (Object) null);
        StoredGrant now = store(key).read("default").grant();
        assertThat(now.generation()).isEqualTo(2);
        String file = Files.readString(state.resolve(TokenFileRepository.FILE_NAME));
        assertThat(file).contains(TokenCipher.PREFIX).doesNotContain(now.accessToken(), now.refreshToken(),
                grant.refreshToken(), "refreshToken");
        assertThatThrownBy(() -> store(null).read("default")).hasMessageContaining("set option tokenEncryptionKey");
        String other = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> store(other).read("default")).hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining(other);
    }

    @Test
    void anAccountNeverConnectedFailsWithHowToConnect() {
        CamelContext context = context();
        try (LogCapture log = LogCapture.capture()) {
            assertThatThrownBy(() -> context.createProducerTemplate().requestBody("zendesk:users?operation=me", (Object) null))
                    .hasRootCauseInstanceOf(ZendeskReconnectRequiredException.class)
                    .rootCause().hasMessageContaining("is not connected").hasMessageContaining("zendesk:connect");
            assertThat(log.lines(Level.WARN)).anyMatch(l -> l.contains("is not connected"));
        }
    }
}
