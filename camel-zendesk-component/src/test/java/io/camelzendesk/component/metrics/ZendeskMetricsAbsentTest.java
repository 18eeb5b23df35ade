package io.camelzendesk.component.metrics;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * micrometer-core is optional: without it on the classpath the component works. Runs in the build's
 * without-micrometer test execution (elsewhere micrometer-core is on the test classpath and this test is skipped).
 */
class ZendeskMetricsAbsentTest {

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void theComponentRunsWithoutMicrometerOnTheClasspath() throws Exception {
        assumeTrue("absent".equals(System.getProperty("zendesk.test.micrometer")), "run without micrometer-core");
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
        wm.stubFor(get("/api/v2/users/me").willReturn(okJson("{\"user\":{\"id\":1}}")));
        CamelContext context = new DefaultCamelContext();
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:me").to("zendesk:users?operation=me&baseUrl=" + wm.baseUrl() + "&oauthToken=tok");
                }
            });
            context.start();
            Object me = context.createProducerTemplate().requestBody("direct:me", (Object) null);
            assertThat(me).isNotNull();
        } finally {
            context.stop();
        }
    }
}
