package io.camelzendesk.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.EqualToJsonPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camel context whose {@code zendesk} component is configured once (base URL of a WireMock server, API token), as a
 * user would; fixtures from {@code src/test/resources/zendesk/}; helpers to read what went over the wire.
 */
abstract class ZendeskTestSupport {

    static final String EMAIL = "agent@example.com";
    static final String TOKEN = "s3cr3t-api-token";
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    // a server per test: the account-wide rate limiter is keyed by host and port
    @RegisterExtension
    WireMockExtension wm = WireMockExtension.newInstance().options(wireMock()).build();

    CamelContext context;
    ProducerTemplate template;

    WireMockConfiguration wireMock() {
        return wireMockConfig().dynamicPort();
    }

    /** Routes of the test, if any. */
    RoutesBuilder routes() {
        return null;
    }

    /** YAML route files (classpath locations) to load, if any. */
    List<String> yamlRoutes() {
        return List.of();
    }

    /** Hook to change the component's shared configuration before the context starts. */
    void configure(ZendeskConfiguration configuration) {
    }

    @BeforeEach
    void startCamel() throws Exception {
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5); // a test that failed with exchanges in flight ends quickly
        ZendeskComponent zendesk = new ZendeskComponent();
        zendesk.getConfiguration().setBaseUrl(wm.baseUrl());
        zendesk.getConfiguration().setEmail(EMAIL);
        zendesk.getConfiguration().setApiToken(TOKEN);
        configure(zendesk.getConfiguration());
        context.addComponent("zendesk", zendesk);
        RoutesBuilder routes = routes();
        if (routes != null) {
            context.addRoutes(routes);
        }
        for (String yaml : yamlRoutes()) {
            org.apache.camel.support.PluginHelper.getRoutesLoader(context)
                    .loadRoutes(org.apache.camel.support.ResourceHelper.resolveMandatoryResource(context, yaml));
        }
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    /** A fixture of src/test/resources/zendesk/ with {{baseUrl}} set to the WireMock server. */
    String fixture(String name) {
        try (InputStream in = ZendeskTestSupport.class.getResourceAsStream("/zendesk/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{baseUrl}}", wm.baseUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests WireMock received, oldest first. */
    List<LoggedRequest> requests() {
        List<LoggedRequest> out = new ArrayList<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            out.add(e.getRequest());
        }
        java.util.Collections.reverse(out);
        return out;
    }

    List<LoggedRequest> requests(String method, String path) {
        return requests().stream().filter(r -> r.getMethod().getName().equals(method) && path(r).equals(path)).toList();
    }

    static String path(LoggedRequest r) {
        String url = r.getUrl();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The decoded query parameters of a request, in order. */
    static Map<String, String> query(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        String url = r.getUrl();
        int q = url.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Asserts the request body is exactly this JSON (same fields, nothing more). */
    static void assertJson(LoggedRequest r, String expected) {
        String actual = r.getBodyAsString();
        assertThat(new EqualToJsonPattern(expected, false, false).match(actual).isExactMatch())
                .as("request body of %s %s%n  expected %s%n  actual   %s", r.getMethod(), r.getUrl(), expected, actual)
                .isTrue();
    }

    static List<Object> drain(Object body) {
        List<Object> out = new ArrayList<>();
        if (body instanceof Iterator<?> it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
