package io.camelzendesk.component;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list iterated lazily inside a route whose exchanges continue on the client's threads (after an asynchronous
 * update) must not deadlock the client, even with one client thread and several such exchanges at once.
 */
class ZendeskProducerNoDeadlockTest {

    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void listThenUpdateEachUnderStreamingSplitCompletesOnOneClientThread() throws Exception {
        String base = wm.baseUrl();
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("{\"tickets\":[{\"id\":1},{\"id\":2}],"
                + "\"meta\":{\"has_more\":true,\"after_cursor\":\"a\"},\"links\":{\"next\":\"" + base
                + "/api/v2/tickets.json?page%5Bafter%5D=a\"}}")));
        wm.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).willReturn(okJson("{\"tickets\":[{\"id\":3},{\"id\":4}],"
                + "\"meta\":{\"has_more\":false},\"links\":{\"next\":null}}")));
        wm.stubFor(put(urlPathMatching("/api/v2/tickets/\\d+")).willReturn(okJson("{\"ticket\":{\"id\":1,"
                + "\"status\":\"solved\"}}").withFixedDelay(20)));
        AtomicInteger updated = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        context.getComponent("zendesk", ZendeskComponent.class).getConfiguration().setBaseUrl(base);
        context.getComponent("zendesk", ZendeskComponent.class).getConfiguration().setOauthToken("t");
        context.getComponent("zendesk", ZendeskComponent.class).getConfiguration().setClientThreads(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:solveAll")
                        .to("zendesk:tickets?operation=list&pageSize=2")
                        .split(body()).streaming()
                            .setHeader(ZendeskConstants.ID, simple("${body.id}"))
                            .setBody(constant("{\"status\":\"solved\"}"))
                            .to("zendesk:tickets?operation=update")
                            .process(e -> updated.incrementAndGet())
                        .end();
            }
        });
        context.start();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Object>>();
            for (int i = 0; i < 4; i++) {
                futures.add(template.asyncRequestBody("direct:solveAll", null));
            }
            for (var f : futures) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            context.stop();
        }
        assertThat(updated.get()).isEqualTo(16);
    }
}
