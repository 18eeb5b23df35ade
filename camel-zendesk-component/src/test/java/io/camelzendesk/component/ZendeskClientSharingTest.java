package io.camelzendesk.component;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelzendesk.client.ZendeskClient;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** One client per account configuration, shared by the endpoints that use it, closed when the context stops. */
class ZendeskClientSharingTest {

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void endpointsOfOneAccountShareOneClientThatClosesOnStop() throws Exception {
        wm.stubFor(get(anyUrl()).willReturn(okJson("{\"user\":{\"id\":1}}")));
        CamelContext context = new DefaultCamelContext();
        ZendeskComponent component = context.getComponent("zendesk", ZendeskComponent.class);
        component.getConfiguration().setBaseUrl(wm.baseUrl());
        component.getConfiguration().setOauthToken("t");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("zendesk:users?operation=me");
                from("direct:b").to("zendesk:tickets?operation=get&id=1");
                from("direct:c").to("zendesk:groups?operation=list");
                // another account configuration: its own client
                from("direct:d").to("zendesk:users?operation=me&oauthToken=other");
            }
        });
        context.start();
        assertThat(component.clientCount()).isEqualTo(2);
        ZendeskClient shared = context.getEndpoint("zendesk:users?operation=me", ZendeskEndpoint.class).client();
        assertThat(context.getEndpoint("zendesk:tickets?operation=get&id=1", ZendeskEndpoint.class).client())
                .isSameAs(shared);
        context.createProducerTemplate().requestBody("direct:a", (Object) null);
        context.stop();
        assertThat(shared.isClosed()).isTrue();
        assertThat(component.clientCount()).isZero();
    }
}
