package io.camelzendesk.client;

import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelzendesk.test.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errors that say what went wrong: the server that could not be reached, the kind of credentials refused. */
class ZendeskClientErrorsTest {

    private static final String EMAIL = "agent@example.com";
    private static final String TOKEN = "s3cr3t-api-token-value";
    private static final String UNAUTHORIZED = "{\"error\":\"Couldn't authenticate you\",\"description\":"
                                               + "\"Invalid credentials\",\"details\":{\"base\":[{\"description\":"
                                               + "\"Token expired\",\"error\":\"Expired\"}]}}";

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ZendeskClient client(String baseUrl, ZendeskAuth auth) {
        return new ZendeskClient(ZendeskClientConfig.builder(baseUrl, auth).sleeper(new RecordingSleeper())
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(1)))
                .build());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void connectionRefusedNamesHostAndPortAndIsRetried() throws Exception {
        int port = closedPort();
        try (ZendeskClient client = client("http://127.0.0.1:" + port, ZendeskAuth.apiToken(EMAIL, TOKEN))) {
            assertThatThrownBy(() -> client.getJson("/api/v2/users/me"))
                    .isInstanceOfSatisfying(ZendeskTransportException.class, e -> {
                        assertThat(e.getMessage()).contains("could not connect to http://127.0.0.1:" + port)
                                .contains("GET /api/v2/users/me").doesNotContain(EMAIL).doesNotContain(TOKEN);
                        assertThat(e.getServer()).isEqualTo("http://127.0.0.1:" + port);
                        assertThat(e.getAttempts()).isEqualTo(3);
                    });
            // a write that could not connect was never sent: retried too, and a plain transport error
            assertThatThrownBy(() -> client.execute(ZendeskRequest.post("/api/v2/tickets").json("{}".getBytes())
                    .build(), BodyReader.DISCARD))
                    .isInstanceOfSatisfying(ZendeskTransportException.class,
                            e -> assertThat(e.getAttempts()).isEqualTo(3));
        }
    }

    @Test
    void theDefaultPortOfTheSchemeIsNamedWhenTheUrlHasNone() {
        assertThat(RequestTarget.origin(java.net.URI.create("https://acme.zendesk.com/api/v2")))
                .isEqualTo("https://acme.zendesk.com:443");
    }

    private ZendeskAuthenticationException refused(ZendeskAuth auth) {
        wm.stubFor(get("/api/v2/users/me").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
        try (ZendeskClient client = client(wm.baseUrl(), auth)) {
            client.getJson("/api/v2/users/me");
        } catch (ZendeskAuthenticationException e) {
            return e;
        }
        throw new AssertionError("no 401");
    }

    @Test
    void a401SaysTheApiTokenWasRefusedWithoutPrintingEmailOrToken() {
        ZendeskAuthenticationException e = refused(ZendeskAuth.apiToken(EMAIL, TOKEN));
        assertThat(e.getMessage()).contains("HTTP 401").contains("Invalid credentials")
                .contains("The credentials refused: API token (email/token)")
                .doesNotContain(EMAIL).doesNotContain(TOKEN);
        assertThat(e.getCredentials()).isEqualTo("API token (email/token)");
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getError()).isEqualTo("Couldn't authenticate you");
        assertThat(e.getDescription()).isEqualTo("Invalid credentials");
        assertThat(e.getDetails().get("base").get(0)).containsEntry("error", "Expired");
    }

    @Test
    void a401SaysTheOAuthAccessTokenWasRefused() {
        ZendeskAuthenticationException e = refused(ZendeskAuth.bearer("oauth-secret-xyz"));
        assertThat(e.getMessage()).contains("OAuth access token").doesNotContain("oauth-secret-xyz");
        assertThat(e.getCredentials()).isEqualTo("OAuth access token");
    }

    @Test
    void a401SaysTheClientCredentialsWereRefused() {
        wm.stubFor(post("/oauth/tokens").willReturn(okJson("{\"access_token\":\"minted-token\",\"expires_in\":1800}")));
        ZendeskAuthenticationException e = refused(ZendeskAuth.clientCredentials("my-app", "client-secret-xyz", "read", null));
        assertThat(e.getMessage()).contains("OAuth client credentials").doesNotContain("client-secret-xyz")
                .doesNotContain("minted-token");
    }

    @Test
    void a401OfTheTokenEndpointSaysTheClientCredentialsWereRefused() {
        wm.stubFor(post("/oauth/tokens").willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
        try (ZendeskClient client = client(wm.baseUrl(), ZendeskAuth.clientCredentials("my-app", "client-secret-xyz",
                "read", null))) {
            assertThatThrownBy(() -> client.getJson("/api/v2/users/me"))
                    .isInstanceOfSatisfying(ZendeskAuthenticationException.class, e -> {
                        assertThat(e.getCredentials()).isEqualTo("OAuth client credentials");
                        assertThat(e.getPath()).isEqualTo("/oauth/tokens");
                        assertThat(e.getMessage()).doesNotContain("client-secret-xyz");
                    });
        }
    }

    @Test
    void a401SaysTheTokenProvidersTokenWasRefused() {
        ZendeskTokenProvider provider = new ZendeskTokenProvider() {
            @Override
            public String accessToken() {
                return "provided-secret";
            }

            @Override
            public void invalidate(String accessToken) {
            }
        };
        ZendeskAuthenticationException e = refused(ZendeskAuth.tokenProvider(provider));
        assertThat(e.getMessage()).contains("token provider").doesNotContain("provided-secret");
    }
}
