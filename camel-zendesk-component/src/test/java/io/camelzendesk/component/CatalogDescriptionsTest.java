package io.camelzendesk.component;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog (and docs/reference.md, rendered from it) says what the {@code @UriParam} / {@code @UriPath} /
 * {@code @Metadata} declarations say, character for character. camel-package-maven-plugin drops markup and every
 * character outside letters, digits, whitespace and {@code .,-='/\!&%():;#$_{}} from a description (a {@code +},
 * {@code <route id>}, {@code ->}, {@code *}, {@code ?}, quotes, brackets), so the source has to avoid them.
 * The classes are found from the catalog and a real endpoint, not named here.
 */
class CatalogDescriptionsTest {

    private static CamelContext context;
    private static JsonNode catalog;

    @BeforeAll
    static void load() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        catalog = catalog();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    /** The catalog JSON lives next to the component class: META-INF/{package as path}/zendesk.json. */
    static JsonNode catalog() throws Exception {
        Properties service = new Properties();
        try (InputStream in = CatalogDescriptionsTest.class.getResourceAsStream(
                "/META-INF/services/org/apache/camel/component/zendesk")) {
            service.load(in);
        }
        String componentClass = service.getProperty("class");
        String json = "/META-INF/" + componentClass.substring(0, componentClass.lastIndexOf('.')).replace('.', '/')
                      + "/zendesk.json";
        try (InputStream in = CatalogDescriptionsTest.class.getResourceAsStream(json)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyEndpointOptionReadsAsDeclared() {
        Map<String, Declared> declared = new LinkedHashMap<>();
        Class<?> endpoint = context.getEndpoint("zendesk:tickets?subdomain=acme&oauthToken=o").getClass();
        options(endpoint, declared);
        options(configurationClass(), declared);
        assertMatches(catalog.get("properties"), declared);
    }

    @Test
    void everyComponentOptionReadsAsDeclared() throws Exception {
        Map<String, Declared> declared = new LinkedHashMap<>();
        options(Class.forName(catalog.get("component").get("javaType").asText()), declared);
        options(configurationClass(), declared);
        assertMatches(catalog.get("componentProperties"), declared);
    }

    @Test
    void everyHeaderReadsAsDeclared() throws Exception {
        Class<?> endpoint = context.getEndpoint("zendesk:tickets?subdomain=acme&oauthToken=o").getClass();
        Class<?> headers = endpoint.getAnnotation(UriEndpoint.class).headersClass();
        Map<String, Declared> declared = new LinkedHashMap<>();
        for (Field f : headers.getDeclaredFields()) {
            Metadata m = f.getAnnotation(Metadata.class);
            if (m != null && Modifier.isStatic(f.getModifiers())) {
                declared.put((String) f.get(null), new Declared(headers.getSimpleName() + "." + f.getName(),
                        m.description(), ""));
            }
        }
        assertThat(declared).hasSizeGreaterThan(10);
        assertMatches(catalog.get("headers"), declared);
    }

    @Test
    void theReferenceDocsShowEveryDescriptionWhole() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "reference.md"));
        List<String> missing = new ArrayList<>();
        for (String group : List.of("componentProperties", "properties", "headers")) {
            catalog.get(group).fields().forEachRemaining(e -> {
                String description = e.getValue().path("description").asText();
                if (!docs.contains(ReferenceDocsTest.cell(description))) {
                    missing.add(group + "." + e.getKey());
                }
            });
        }
        assertThat(missing).as("descriptions not shown whole in docs/reference.md").isEmpty();
    }

    @Test
    void theKnownLossesAreGone() {
        JsonNode properties = catalog.get("properties");
        assertThat(properties.get("signingSecret").get("description").asText()).contains("timestamp followed by body");
        assertThat(properties.get("webhookName").get("description").asText()).contains("camel-zendesk {route id}");
    }

    private static Class<?> configurationClass() {
        try {
            return Class.forName(catalog.get("componentProperties").get("configuration").get("javaType").asText());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Declared(String where, String description, String defaultValue) {
    }

    private static void options(Class<?> type, Map<String, Declared> into) {
        for (Class<?> c = type; c != null && c.getName().startsWith("io.camelzendesk."); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                String where = c.getSimpleName() + "." + f.getName();
                UriParam p = f.getAnnotation(UriParam.class);
                UriPath path = f.getAnnotation(UriPath.class);
                Metadata m = f.getAnnotation(Metadata.class);
                if (p != null && !p.description().isEmpty()) {
                    into.put(p.name().isEmpty() ? f.getName() : p.name(), new Declared(where, p.description(),
                            p.defaultValue()));
                } else if (path != null && !path.description().isEmpty()) {
                    into.put(path.name().isEmpty() ? f.getName() : path.name(), new Declared(where,
                            path.description(), path.defaultValue()));
                } else if (m != null && !m.description().isEmpty()) {
                    into.put(f.getName(), new Declared(where, m.description(), m.defaultValue()));
                }
            }
        }
    }

    private static void assertMatches(JsonNode options, Map<String, Declared> declared) {
        assertThat(declared).isNotEmpty();
        List<String> differences = new ArrayList<>();
        declared.forEach((name, d) -> {
            JsonNode option = options.get(name);
            if (option == null) {
                differences.add(d.where() + ": not in the catalog as " + name);
                return;
            }
            String expected = d.description().replaceAll("\\s+", " ").trim();
            String actual = option.path("description").asText();
            if (!expected.equals(actual)) {
                differences.add(d.where() + ":\n  source:  " + expected + "\n  catalog: " + actual);
            }
            if (!d.defaultValue().isEmpty() && !d.defaultValue().equals(option.path("defaultValue").asText())) {
                differences.add(d.where() + ": default " + d.defaultValue() + " reads "
                                + option.path("defaultValue").asText());
            }
        });
        assertThat(differences).as("descriptions the catalog generator changed (write them with characters it keeps)")
                .isEmpty();
    }
}
