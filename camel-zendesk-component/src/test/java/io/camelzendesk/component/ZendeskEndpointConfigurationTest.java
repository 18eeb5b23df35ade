package io.camelzendesk.component;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options are validated when the endpoint is created, with a message naming the option and the valid choices. */
class ZendeskEndpointConfigurationTest {

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Throwable creationFailure(String uri) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> context.getEndpoint(uri));
        assertThat(t).isInstanceOf(ResolveEndpointFailedException.class);
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void aValidEndpointKeepsResourceAndOptions() {
        ZendeskEndpoint e = context.getEndpoint("zendesk:tickets?subdomain=acme&email=a@b.c&apiToken=t&operation=get&id=7",
                ZendeskEndpoint.class);
        assertThat(e.getZendeskResource()).isEqualTo(ZendeskResource.TICKETS);
        assertThat(e.getConfiguration().getId()).isEqualTo(7L);
        assertThat(e.getServiceUrl()).isEqualTo("https://acme.zendesk.com");
    }

    @Test
    void consumersPollOnceAMinuteUnlessToldOtherwise() {
        assertThat(context.getEndpoint("zendesk:tickets?subdomain=acme&oauthToken=o", ZendeskEndpoint.class).getDelay())
                .isEqualTo(60_000L);
        assertThat(context.getEndpoint("zendesk:users?subdomain=acme&oauthToken=o&delay=5000", ZendeskEndpoint.class)
                .getDelay()).isEqualTo(5_000L);
    }

    @Test
    void aBadStartTimeFailsNamingTheOption() {
        assertThat(creationFailure("zendesk:tickets?subdomain=acme&oauthToken=o&startTime=yesterday"))
                .hasMessageContaining("Option startTime 'yesterday'");
    }

    @Test
    void theComponentConfigurationIsSharedAndOverridablePerEndpoint() {
        ZendeskComponent component = context.getComponent("zendesk", ZendeskComponent.class);
        component.getConfiguration().setSubdomain("acme");
        component.getConfiguration().setOauthToken("tok");
        ZendeskEndpoint shortUri = context.getEndpoint("zendesk:users?operation=me", ZendeskEndpoint.class);
        assertThat(shortUri.getServiceUrl()).isEqualTo("https://acme.zendesk.com");
        ZendeskEndpoint overridden = context.getEndpoint("zendesk:users?operation=me&baseUrl=http://localhost:8089",
                ZendeskEndpoint.class);
        assertThat(overridden.getServiceUrl()).isEqualTo("http://localhost:8089");
        assertThat(component.getConfiguration().getBaseUrl()).isNull();
    }

    @Test
    void componentOptionsBindFromProperties() {
        ZendeskComponent component = context.getComponent("zendesk", ZendeskComponent.class);
        PropertyBindingSupport.build().withCamelContext(context).withTarget(component).withReflection(false)
                .withConfigurer(component.getComponentPropertyConfigurer()).withProperty("subdomain", "acme")
                .withProperty("apiToken", "tok").withProperty("email", "a@b.c").withProperty("retryDeadline", "30s")
                .bind();
        assertThat(component.getConfiguration().getSubdomain()).isEqualTo("acme");
        assertThat(component.getConfiguration().getRetryDeadline()).isEqualTo(30_000L);
    }

    @Test
    void noCredentialsFailNamingTheChoices() {
        assertThat(creationFailure("zendesk:tickets?subdomain=acme"))
                .hasMessageContaining("No Zendesk credentials")
                .hasMessageContaining("email + apiToken").hasMessageContaining("oauthToken")
                .hasMessageContaining("clientId + clientSecret").hasMessageContaining("tokenProvider");
    }

    @Test
    void twoCredentialsFail() {
        assertThat(creationFailure("zendesk:tickets?subdomain=acme&email=a@b.c&apiToken=t&oauthToken=o"))
                .hasMessageContaining("Several Zendesk credentials").hasMessageContaining("email + apiToken, oauthToken");
    }

    @Test
    void halfACredentialFailsNamingTheMissingOption() {
        assertThat(creationFailure("zendesk:tickets?subdomain=acme&email=a@b.c"))
                .hasMessageContaining("Option apiToken is required with option email");
        assertThat(creationFailure("zendesk:tickets?subdomain=acme&clientId=c"))
                .hasMessageContaining("Option clientSecret is required with option clientId");
    }

    @Test
    void aMalformedSubdomainFails() {
        assertThat(creationFailure("zendesk:tickets?subdomain=acme.zendesk.com&oauthToken=o"))
                .hasMessageContaining("Option subdomain 'acme.zendesk.com' is malformed");
        assertThat(creationFailure("zendesk:tickets?oauthToken=o"))
                .hasMessageContaining("set option subdomain").hasMessageContaining("or option baseUrl");
        assertThat(creationFailure("zendesk:tickets?baseUrl=ftp://x&oauthToken=o"))
                .hasMessageContaining("Option baseUrl must be an http(s) URL");
    }

    @Test
    void anUnknownResourceFailsListingTheValidOnes() {
        assertThat(creationFailure("zendesk:tikets?subdomain=acme&oauthToken=o"))
                .hasMessageContaining("Unknown Zendesk resource 'tikets'")
                .hasMessageContaining("tickets, users, organizations, groups, articles");
    }

    @Test
    void anUnsupportedOperationFailsListingWhatTheResourceSupports() {
        assertThat(creationFailure("zendesk:groups?subdomain=acme&oauthToken=o&operation=search"))
                .hasMessageContaining("Operation 'search' is not supported by resource 'groups'")
                .hasMessageContaining("Supported: create, get, update, delete, list");
        assertThat(creationFailure("zendesk:groups?subdomain=acme&oauthToken=o&operation=explode"))
                .hasMessageContaining("Unknown Zendesk operation 'explode'");
    }

    @Test
    void anUnknownOptionFailsNamingIt() {
        assertThat(creationFailure("zendesk:tickets?subdomain=acme&oauthToken=o&pageSise=10"))
                .hasMessageContaining("pageSise");
    }

    @Test
    void aPageSizeOutOfRangeFails() {
        assertThat(creationFailure("zendesk:tickets?subdomain=acme&oauthToken=o&pageSize=500"))
                .hasMessageContaining("Option pageSize must be between 1 and 100");
    }

    @Test
    void secretsAreMaskedInTheUriCamelPrints() {
        String uri = "zendesk:tickets?subdomain=acme&email=agent@example.com&apiToken=SECRET-API-TOKEN";
        ZendeskEndpoint e = context.getEndpoint(uri, ZendeskEndpoint.class);
        assertThat(e.toString()).doesNotContain("SECRET-API-TOKEN");
        assertThat(URISupport.sanitizeUri(e.getEndpointUri())).doesNotContain("SECRET-API-TOKEN");
        for (String option : new String[] { "oauthToken", "clientSecret" }) {
            String other = "zendesk:users?subdomain=acme&" + option + "=TOP-SECRET-VALUE"
                           + (option.equals("clientSecret") ? "&clientId=cid" : "");
            ZendeskEndpoint oe = context.getEndpoint(other, ZendeskEndpoint.class);
            assertThat(oe.toString()).doesNotContain("TOP-SECRET-VALUE");
        }
    }
}
