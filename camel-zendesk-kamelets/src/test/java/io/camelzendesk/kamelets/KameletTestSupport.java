package io.camelzendesk.kamelets;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StreamCache;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.ZendeskEmulator;

/**
 * A real Camel context that loads the kamelets of this module from {@code classpath:kamelets} (the kamelet
 * component's {@code location}), and a fresh Zendesk emulator per test. The emulator's URL and credentials are the
 * property placeholders {@code zendesk.base-url}, {@code zendesk.email} and {@code zendesk.api-token}.
 */
abstract class KameletTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    ZendeskEmulator emulator;
    EmulatorAdmin admin;
    CamelContext context;
    ProducerTemplate template;

    @BeforeEach
    void startEmulatorAndCamel() throws Exception {
        emulator = ZendeskEmulator.builder().requestsPerMinute(0).incrementalRequestsPerMinute(0)
                .recentExclusion(Duration.ZERO).build();
        emulator.start();
        admin = emulator.admin();

        context = new DefaultCamelContext();
        context.getComponent("kamelet", KameletComponent.class).setLocation("classpath:kamelets");
        Properties props = new Properties();
        props.put("zendesk.base-url", emulator.baseUrl());
        props.put("zendesk.email", ZendeskEmulator.ADMIN_EMAIL);
        props.put("zendesk.api-token", ZendeskEmulator.API_TOKEN);
        context.getPropertiesComponent().setInitialProperties(props);
        // an unset optional kamelet property (baseUrl, apiToken, ...) would otherwise be read from an environment
        // variable of that name (BASE_URL, API_TOKEN, ...) if the machine running the tests has one
        ((PropertiesComponent) context.getPropertiesComponent())
                .setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        configure(context);
        template = context.createProducerTemplate();
    }

    /** Before the context starts: servers, component settings. */
    void configure(CamelContext context) throws Exception {
    }

    @AfterEach
    void stopCamelAndEmulator() {
        if (context != null) {
            context.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /** The kamelet parameters of the emulator's account. */
    String account() {
        return "baseUrl=" + emulator.baseUrl() + "&email=" + ZendeskEmulator.ADMIN_EMAIL + "&apiToken="
               + ZendeskEmulator.API_TOKEN;
    }

    /** Loads YAML routes (or a Pipe) from the test classpath into the context. */
    void loadYaml(String classpathLocation) throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:" + classpathLocation));
    }

    long createTicket(String subject) {
        return admin.createTicket(Map.of("subject", subject, "comment", Map.of("body", "About " + subject)))
                .get("id").asLong();
    }

    List<String> subjects() {
        return admin.list("tickets").stream().map(t -> t.path("subject").asText()).toList();
    }

    /** The message body as JSON (what a kamelet's marshal gives: bytes or a stream cache). */
    static JsonNode json(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof StreamCache cache) {
            cache.reset(); // read as often as a test needs
        }
        String body = exchange.getMessage().getBody(String.class);
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
