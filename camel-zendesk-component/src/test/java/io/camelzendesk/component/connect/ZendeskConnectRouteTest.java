package io.camelzendesk.component.connect;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.oauth.StoredGrant;
import io.camelzendesk.component.oauth.TokenFileRepository;
import io.camelzendesk.component.oauth.TokenStore;
import io.camelzendesk.emulator.Consent;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.User;
import io.camelzendesk.test.LogCapture;

import static io.camelzendesk.test.WebhookTestSupport.addHttpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connect route end to end: a real CamelContext serving zendesk:connect through platform-http (Vert.x), the
 * emulator as Zendesk's OAuth server, the browser played by a JDK HttpClient that follows the redirects by hand.
 */
class ZendeskConnectRouteTest {

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path stateDirectory;

    private ZendeskEmulator zendesk;
    private CamelContext context;
    private VertxPlatformHttpServer server;
    private final List<Exchange> connected = new CopyOnWriteArrayList<>();
    private final StringBuilder pages = new StringBuilder();

    @BeforeEach
    void start() throws Exception {
        zendesk = ZendeskEmulator.builder().build();
        zendesk.start();
        context = new DefaultCamelContext();
        server = addHttpServer(context);
        context.getPropertiesComponent().addInitialProperty("zendesk.account.acme.baseUrl", zendesk.baseUrl());
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        zendesk.close();
    }

    /** The component's OAuth client (connect and the producers), tokens in the temporary state directory. */
    private void component(String clientId, String clientSecret) {
        ZendeskConfiguration c = context.getComponent("zendesk", ZendeskComponent.class).getConfiguration();
        c.setClientId(clientId);
        c.setClientSecret(clientSecret);
        c.setOauthGrant("authorizationCode");
        c.setStateDirectory(stateDirectory.toString());
    }

    private void connectRoute() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zendesk:connect?redirectUri=" + callbackUrl()).routeId("connect")
                        .process(e -> connected.add(e.copy()));
            }
        });
    }

    private String appUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private String callbackUrl() {
        return appUrl() + "/zendesk/connect/callback";
    }

    private HttpResponse<String> get(String url) throws Exception {
        HttpResponse<String> r = BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        pages.append(r.headers().map()).append(r.body()).append('\n');
        return r;
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** GET start, then Zendesk's authorization page: the URL of the callback Zendesk redirects to. */
    private String authorize(String account) throws Exception {
        String toZendesk = location(get(appUrl() + "/zendesk/connect/start?account=" + account));
        assertThat(toZendesk).startsWith(zendesk.baseUrl() + "/oauth/authorizations/new?");
        return location(get(toZendesk));
    }

    private static String param(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private TokenStore store() {
        TokenFileRepository repository = TokenFileRepository.inDirectory(stateDirectory.toString());
        repository.start();
        return new TokenStore(repository, null);
    }

    private User me() {
        return context.createProducerTemplate().requestBody("zendesk:users?operation=me&account=acme", null,
                User.class);
    }

    @Test
    void anAccountIsConnectedThroughTheRouteAndItsTokensServeTheProducer() throws Exception {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        connectRoute();
        try (LogCapture log = LogCapture.capture()) {
            String toZendesk = location(get(appUrl() + "/zendesk/connect/start?account=acme"));
            assertThat(param(toZendesk, "response_type")).isEqualTo("code");
            assertThat(param(toZendesk, "client_id")).isEqualTo(ZendeskEmulator.OAUTH_CLIENT_ID);
            assertThat(param(toZendesk, "redirect_uri")).isEqualTo(callbackUrl());
            assertThat(param(toZendesk, "scope")).isEqualTo("read write");
            assertThat(param(toZendesk, "state")).matches("[A-Za-z0-9_-]{43}");
            assertThat(param(toZendesk, "code_challenge")).matches("[A-Za-z0-9_-]{43}");
            assertThat(param(toZendesk, "code_challenge_method")).isEqualTo("S256");
            String callback = location(get(toZendesk));
            String code = param(callback, "code");

            HttpResponse<String> page = get(callback);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Zendesk account acme is connected (" + zendesk.baseUrl() + ")");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            StoredGrant grant = store().read("acme").grant();
            assertThat(grant.baseUrl()).isEqualTo(zendesk.baseUrl());
            assertThat(grant.clientId()).isEqualTo(ZendeskEmulator.OAUTH_CLIENT_ID);
            assertThat(grant.status()).isEqualTo(StoredGrant.CONNECTED);
            assertThat(connected).hasSize(1);
            assertThat(connected.get(0).getMessage().getBody(Map.class))
                    .containsEntry("account", "acme").containsEntry("baseUrl", zendesk.baseUrl())
                    .containsEntry("scope", "read write");
            assertThat(connected.get(0).getMessage().getHeader(ZendeskConstants.ACCOUNT)).isEqualTo("acme");

            assertThat(me().getEmail()).isNotBlank();

            String seen = log.text() + "\n" + pages;
            assertThat(seen).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken())
                    .doesNotContain(ZendeskEmulator.OAUTH_CLIENT_SECRET);
            assertThat(log.text() + page.body() + page.headers().map()).doesNotContain(code)
                    .doesNotContain(param(toZendesk, "state")).doesNotContain(param(toZendesk, "code_challenge"));
        }
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndStoresNothing() throws Exception {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        connectRoute();
        String callback = authorize("acme");
        String forged = callback.replace("state=" + param(callback, "state"), "state=forged-state");

        HttpResponse<String> page = get(forged);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("unknown, was already completed, or has expired").contains("Nothing was stored");
        assertThat(store().read("acme").grant()).isNull();
        assertThat(connected).isEmpty();
        // the real callback is still pending: a forged one used nothing up
        assertThat(get(callback).statusCode()).isEqualTo(200);
        assertThat(store().read("acme").grant()).isNotNull();
    }

    @Test
    void aDeniedAuthorizationGetsAClearPageAndStoresNothing() throws Exception {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        zendesk.admin().setOAuthConsent(Consent.DENY);
        connectRoute();
        String callback = authorize("acme");
        assertThat(param(callback, "error")).isEqualTo("access_denied");

        HttpResponse<String> page = get(callback);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Zendesk account acme was not connected: access was not granted"
                                         + " (access_denied").contains("Nothing was stored");
        assertThat(store().read("acme").grant()).isNull();
        assertThat(connected).isEmpty();
        // the denial used the state up
        assertThat(get(callback).statusCode()).isEqualTo(400);
    }

    @Test
    void aReplayedCallbackGetsAClearPageAndLeavesTheStoreAsItWas() throws Exception {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        connectRoute();
        String callback = authorize("acme");
        assertThat(get(callback).statusCode()).isEqualTo(200);
        String stored = store().read("acme").stored();

        HttpResponse<String> again = get(callback);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This authorization is unknown, was already completed, or has expired");
        assertThat(store().read("acme").stored()).isEqualTo(stored);
        assertThat(connected).hasSize(1);
    }

    @Test
    void aUsedCodeUnderAPendingStateIsRefusedWithZendesksError() throws Exception {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        connectRoute();
        String first = authorize("acme");
        assertThat(get(first).statusCode()).isEqualTo(200);
        String stored = store().read("acme").stored();
        String second = authorize("acme");
        String replayed = second.replace("code=" + param(second, "code"), "code=" + param(first, "code"));

        HttpResponse<String> page = get(replayed);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Zendesk refused the code: invalid_grant");
        assertThat(store().read("acme").stored()).isEqualTo(stored);
        assertThat(connected).hasSize(1);
    }

    @Test
    void aPublicClientConnectsWithPkceAlone() throws Exception {
        component(ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID, null);
        connectRoute();

        HttpResponse<String> page = get(authorize("acme"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(store().read("acme").grant().clientId()).isEqualTo(ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID);
        assertThat(me().getEmail()).isNotBlank();
    }

    @Test
    void anAccountDefinedNowhereIsConnectedOnTheSubdomainGivenAndNeverOnAUrlFromTheRequest() throws Exception {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        connectRoute();

        String toZendesk = location(get(appUrl() + "/zendesk/connect/start?account=globex&subdomain=globex"
                                        + "&baseUrl=http://attacker.example"));
        HttpResponse<String> unknown = get(appUrl() + "/zendesk/connect/start?account=globex"
                                           + "&baseUrl=http://attacker.example");
        HttpResponse<String> malformed = get(appUrl() + "/zendesk/connect/start?account=%3Cscript%3E");

        assertThat(toZendesk).startsWith("https://globex.zendesk.com/oauth/authorizations/new?");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Zendesk account globex is not defined here: give its subdomain");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("<script>");
    }

    @Test
    void aStartWithoutAccountConnectsTheDefaultAccountAtTheComponentsBaseUrl() throws Exception {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);
        context.getComponent("zendesk", ZendeskComponent.class).getConfiguration().setBaseUrl(zendesk.baseUrl());
        connectRoute();

        String toZendesk = location(get(appUrl() + "/zendesk/connect/start"));
        HttpResponse<String> page = get(location(get(toZendesk)));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Zendesk account default is connected (" + zendesk.baseUrl() + ")");
        assertThat(store().read("default").grant().baseUrl()).isEqualTo(zendesk.baseUrl());
        assertThat(context.createProducerTemplate().requestBody("zendesk:users?operation=me", null, User.class)
                .getEmail()).isNotBlank();
    }

    @Test
    void aConnectEndpointWithoutRedirectUriFailsNamingTheOption() {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);

        assertThatThrownBy(() -> context.getEndpoint("zendesk:connect"))
                .rootCause().hasMessageContaining("Option redirectUri is required for zendesk:connect")
                .hasMessageContaining("/zendesk/connect/callback");
    }

    @Test
    void aConnectEndpointHasItsOwnPathUnlessItSetsOne() {
        component(ZendeskEmulator.OAUTH_CLIENT_ID, ZendeskEmulator.OAUTH_CLIENT_SECRET);

        assertThat(context.getEndpoint("zendesk:connect?redirectUri=https://app.example.com/cb",
                io.camelzendesk.component.ZendeskEndpoint.class).getConfiguration().getPath())
                .isEqualTo("/zendesk/connect");
        assertThat(context.getEndpoint("zendesk:connect?redirectUri=https://app.example.com/cb&path=/oauth",
                io.camelzendesk.component.ZendeskEndpoint.class).getConfiguration().getPath()).isEqualTo("/oauth");
        assertThatThrownBy(() -> context.createProducerTemplate().sendBody(
                "zendesk:connect?redirectUri=https://app.example.com/cb", null))
                .hasMessageContaining("has no producer operations");
    }
}
