package io.camelzendesk.component;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelzendesk.client.ZendeskAuthenticationException;
import io.camelzendesk.test.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.camelzendesk.component.secrets.ZendeskSecretOptions;

/** Secrets written into endpoint URIs are masked wherever Camel prints the URI, and Camel knows our secret keys. */
class ZendeskSecretMaskingTest {

    private static final String EMAIL = "agent-secret-mail@example.com";
    private static final String API_TOKEN = "apitoken-S3CRET-1";
    private static final String OAUTH_TOKEN = "oauthtoken-S3CRET-2";
    private static final String CLIENT_ID = "clientid-S3CRET-3";
    private static final String CLIENT_SECRET = "clientsecret-S3CRET-4";
    private static final String SIGNING_SECRET = "signingsecret-S3CRET-5";
    private static final List<String> SECRETS = List.of(EMAIL, API_TOKEN, OAUTH_TOKEN, CLIENT_ID, CLIENT_SECRET,
            SIGNING_SECRET);

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void theSecretOptionsAreTheOnesTheCatalogDeclaresSecret() {
        assertThat(ZendeskSecretOptions.NAMES)
                .containsExactlyInAnyOrderElementsOf(new ZendeskEndpointUriFactory().secretPropertyNames());
    }

    @Test
    void maskUriMasksEverySecretOptionAndKeepsTheOthers() {
        String uri = "zendesk://tickets?apiToken=" + API_TOKEN + "&baseUrl=http://h&clientId=" + CLIENT_ID
                     + "&clientSecret=RAW(" + CLIENT_SECRET + ")&EMAIL=" + EMAIL + "&oauthToken=RAW{" + OAUTH_TOKEN
                     + "}&operation=get&signingSecret=" + SIGNING_SECRET;
        String masked = ZendeskSecretOptions.maskUri(uri);
        SECRETS.forEach(s -> assertThat(masked).doesNotContain(s));
        assertThat(masked).isEqualTo("zendesk://tickets?apiToken=xxxxxx&baseUrl=http://h&clientId=xxxxxx"
                                     + "&clientSecret=xxxxxx&EMAIL=xxxxxx&oauthToken=xxxxxx&operation=get"
                                     + "&signingSecret=xxxxxx");
        assertThat(ZendeskSecretOptions.maskUri("zendesk:tickets")).isEqualTo("zendesk:tickets");
    }

    @Test
    void camelTreatsEverySecretOptionAsSensitiveOnceTheComponentIsCreated() {
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setAdditionalSensitiveKeywords("mysecretword");
        context.getComponent("zendesk");
        for (String name : ZendeskSecretOptions.NAMES) {
            assertThat(CamelContextHelper.containsSensitive(context, "camel.component.zendesk." + name))
                    .as(name).isTrue();
        }
        assertThat(CamelContextHelper.containsSensitive(context, "camel.component.zendesk.api-token")).isTrue();
        // what the user had set is kept
        assertThat(CamelContextHelper.containsSensitive(context, "my.mysecretword")).isTrue();
        assertThat(CamelContextHelper.containsSensitive(context, "camel.component.zendesk.subdomain")).isFalse();
        // and Camel's own URI sanitizer masks the email too
        assertThat(URISupport.sanitizeUri("zendesk:users?email=" + EMAIL + "&operation=me")).doesNotContain(EMAIL);
    }

    @Test
    void endpointUrisRoutesHealthLogsAndA401CarryNoSecret() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"Couldn't authenticate you\"}")));
        List<String> printed = new ArrayList<>();
        try (LogCapture log = LogCapture.capture()) {
            context = new DefaultCamelContext();
            io.camelzendesk.test.WebhookTestSupport.addHttpServer(context);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    String base = "baseUrl=" + wm.baseUrl() + "&maxRetries=0";
                    from("direct:token").routeId("token")
                            .to("zendesk:users?operation=me&" + base + "&email=" + EMAIL + "&apiToken=" + API_TOKEN);
                    from("direct:oauth").routeId("oauth")
                            .to("zendesk:users?operation=me&" + base + "&oauthToken=" + OAUTH_TOKEN);
                    from("direct:client").routeId("client").to("zendesk:users?operation=me&" + base + "&clientId="
                                                                + CLIENT_ID + "&clientSecret=RAW(" + CLIENT_SECRET + ")");
                    from("zendesk:webhook?path=/hooks/masking&signingSecret=" + SIGNING_SECRET).routeId("hook")
                            .log("${body}");
                }
            });
            context.start();
            for (Endpoint e : context.getEndpoints()) {
                printed.add(e.getEndpointUri());
                printed.add(e.toString());
                printed.add(e.getEndpointKey());
            }
            for (Route r : context.getRoutes()) {
                printed.add(r.getEndpoint().getEndpointUri());
                printed.add(r.toString());
            }
            for (HealthCheck.Result r : HealthCheckHelper.invoke(context)) {
                printed.add(r.getCheck().getId() + " " + r.getMessage().orElse("") + " " + r.getDetails());
                r.getError().ifPresent(t -> printed.add(String.valueOf(t)));
            }
            assertThatThrownBy(() -> context.createProducerTemplate().requestBody("direct:token", (Object) null))
                    .isInstanceOf(CamelExecutionException.class)
                    .satisfies(t -> {
                        assertThat(t.getCause()).isInstanceOf(ZendeskAuthenticationException.class);
                        printed.add(t.toString());
                        printed.add(String.valueOf(t.getCause()));
                    });
            printed.add(log.text());
        }
        String all = String.join("\n", printed);
        assertThat(all).contains("apiToken=xxxxxx", "email=xxxxxx", "signingSecret=xxxxxx");
        for (String secret : SECRETS) {
            assertThat(all).as("printed output containing " + secret).doesNotContain(secret);
        }
    }

    @Test
    void anEndpointResolvedAgainByItsMaskedUriKeepsItsCredentials() throws Exception {
        wm.stubFor(get("/api/v2/users/me").withBasicAuth(EMAIL + "/token", API_TOKEN)
                .willReturn(okJson("{\"user\":{\"id\":7}}")));
        context = new DefaultCamelContext();
        context.start();
        Endpoint endpoint = context.getEndpoint("zendesk:users?operation=me&baseUrl=" + wm.baseUrl()
                                                + "&email=" + EMAIL + "&apiToken=" + API_TOKEN);
        assertThat(endpoint.getEndpointUri()).doesNotContain(API_TOKEN).doesNotContain(EMAIL);
        // what a producer template, a consumer template or an endpoint strategy does with an endpoint
        Object me = context.createProducerTemplate().requestBody(endpoint.getEndpointUri(), (Object) null);
        assertThat(me).isNotNull();
        wm.verify(getRequestedFor(urlEqualTo("/api/v2/users/me")).withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials(EMAIL + "/token", API_TOKEN)));
    }
}
