package io.camelzendesk.kamelets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kamelet files cannot drift: their structure is the one of Apache Camel's kamelet catalog, every placeholder
 * of a template is a declared property (and every property is used), secrets are marked as credentials, and what a
 * template asks of the zendesk: component (options, resources, operations, headers) exists in the component's
 * Camel catalog. docs/kamelets.md documents every property.
 */
class KameletFilesTest {

    static final Path DIR = Path.of("src/main/resources/kamelets");
    static final Path DOCS = Path.of("../docs/kamelets.md");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\??)([^}]+)}}");
    static final Pattern HEADER = Pattern.compile("CamelZendesk[A-Za-z]+");
    static final Set<String> TYPES = Set.of("string", "integer", "boolean", "number");
    /** Camel resolves an unset optional property from the OS environment: these names are set in every shell. */
    static final Set<String> SHELL_VARIABLES = Set.of("path", "home", "user", "pwd", "shell", "lang", "term",
            "hostname", "tmpdir", "logname");
    static final String COMPONENT = "mvn:io.camelzendesk:camel-zendesk-component:";

    static Stream<String> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".kamelet.yaml")).sorted()
                    .toList().stream();
        }
    }

    @Test
    void theModuleShipsTheFourKamelets() throws IOException {
        assertThat(kamelets()).containsExactly("zendesk-apply-macro-action.kamelet.yaml", "zendesk-sink.kamelet.yaml",
                "zendesk-source.kamelet.yaml", "zendesk-webhook-source.kamelet.yaml");
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void hasTheStructureOfACamelKamelet(String file) throws IOException {
        Map<String, Object> k = load(file);
        String name = file.substring(0, file.length() - ".kamelet.yaml".length());
        assertThat(k.get("apiVersion")).isEqualTo("camel.apache.org/v1");
        assertThat(k.get("kind")).isEqualTo("Kamelet");
        Map<String, Object> metadata = map(k, "metadata");
        assertThat(metadata.get("name")).isEqualTo(name);
        String type = (String) map(metadata, "labels").get("camel.apache.org/kamelet.type");
        assertThat(type).isIn("source", "sink", "action");
        assertThat(name).endsWith("-" + type);
        Map<String, Object> annotations = map(metadata, "annotations");
        assertThat(annotations).containsKeys("camel.apache.org/kamelet.support.level", "camel.apache.org/provider",
                "camel.apache.org/kamelet.group", "camel.apache.org/kamelet.namespace");
        assertThat(annotations.get("camel.apache.org/catalog.version")).isEqualTo(projectVersion());
        assertThat((String) annotations.get("camel.apache.org/kamelet.icon")).startsWith("data:image/svg+xml;base64,");

        Map<String, Object> definition = map(map(k, "spec"), "definition");
        assertThat((String) definition.get("title")).isNotBlank();
        assertThat((String) definition.get("description")).isNotBlank();
        assertThat(definition.get("type")).isEqualTo("object");
        Map<String, Object> properties = map(definition, "properties");
        assertThat(properties).isNotEmpty();
        List<String> required = list(definition, "required");
        assertThat(properties.keySet()).containsAll(required);
        properties.forEach((property, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) value;
            assertThat((String) p.get("title")).as(property).isNotBlank();
            assertThat((String) p.get("description")).as(property).isNotBlank();
            assertThat(p.get("type")).as(property).isIn(TYPES);
            Object def = p.get("default");
            if (def != null) {
                assertThat(required).as("%s has a default and is required", property).doesNotContain(property);
                assertThat(def).as("default of " + property).isInstanceOf(switch ((String) p.get("type")) {
                    case "integer" -> Integer.class;
                    case "boolean" -> Boolean.class;
                    case "number" -> Number.class;
                    default -> String.class;
                });
            }
            if (p.containsKey("enum") && def != null) {
                assertThat((List<Object>) (List<?>) list(p, "enum")).as(property).contains(def);
            }
            if (SHELL_VARIABLES.contains(property.toLowerCase())) {
                assertThat(def != null || required.contains(property))
                        .as("%s is unset, Camel resolves it from the environment variable %s", property,
                                property.toUpperCase())
                        .isTrue();
            }
        });
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyPlaceholderOfTheTemplateIsADeclaredPropertyAndEveryPropertyIsUsed(String file) throws IOException {
        Map<String, Object> spec = map(load(file), "spec");
        Map<String, Object> definition = map(spec, "definition");
        Map<String, Object> properties = map(definition, "properties");
        List<String> required = list(definition, "required");
        String template = String.valueOf(spec.get("template"));

        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String property = m.group(2);
            used.add(property);
            assertThat(properties).as("{{%s}} of the template", property).containsKey(property);
            boolean optional = !m.group(1).isEmpty();
            if (!optional) {
                assertThat(required.contains(property) || map(properties, property).containsKey("default"))
                        .as("{{%s}} is mandatory: the property must be required or have a default", property).isTrue();
            }
        }
        assertThat(used).as("properties used by the template").containsExactlyInAnyOrderElementsOf(properties.keySet());
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void secretsAreCredentialsAndTheComponentsSecretOptionsOnlyTakeSecrets(String file) throws IOException {
        Map<String, Object> spec = map(load(file), "spec");
        Map<String, Object> properties = map(map(spec, "definition"), "properties");
        JsonNode options = catalog().get("properties");

        Set<String> passedToSecretOptions = new TreeSet<>();
        for (Map<String, Object> endpoint : zendeskEndpoints(spec)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = (Map<String, Object>) endpoint.getOrDefault("parameters", Map.of());
            parameters.forEach((option, value) -> {
                assertThat(options.has(option)).as("zendesk: option " + option).isTrue();
                Matcher m = PLACEHOLDER.matcher(String.valueOf(value));
                if (options.get(option).path("secret").asBoolean()) {
                    assertThat(m.matches()).as("the secret option %s takes a property, never a literal", option)
                            .isTrue();
                    passedToSecretOptions.add(m.group(2));
                }
            });
        }
        properties.forEach((property, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) value;
            boolean secret = "password".equals(p.get("format"));
            assertThat(secret).as("%s is secret exactly when it goes to a secret option", property)
                    .isEqualTo(passedToSecretOptions.contains(property));
            if (secret) {
                assertThat(list(p, "x-descriptors")).as(property).contains("urn:camel:group:credentials");
                assertThat(p).as(property).doesNotContainKey("default");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void whatTheTemplateAsksOfTheComponentExistsInItsCatalog(String file) throws IOException {
        Map<String, Object> spec = map(load(file), "spec");
        Map<String, Object> properties = map(map(spec, "definition"), "properties");
        JsonNode catalog = catalog();
        String template = String.valueOf(spec.get("template"));

        assertThat(zendeskEndpoints(spec)).as("zendesk: endpoints").isNotEmpty();
        for (Map<String, Object> endpoint : zendeskEndpoints(spec)) {
            String path = ((String) endpoint.get("uri")).substring("zendesk:".length());
            List<String> resources = path.equals("{{resource}}") ? list(map(properties, "resource"), "enum") : List.of(path);
            assertThat(resources).isNotEmpty();
            assertThat(enumOf(catalog, "resource")).containsAll(resources);
        }
        if (properties.containsKey("operation")) {
            assertThat(enumOf(catalog, "operation")).containsAll(list(map(properties, "operation"), "enum"));
        }
        Set<String> headers = new TreeSet<>();
        catalog.get("headers").fieldNames().forEachRemaining(headers::add);
        Matcher m = HEADER.matcher(template);
        while (m.find()) {
            assertThat(headers).as("header of the template").contains(m.group());
        }
        Matcher ops = Pattern.compile("CamelZendeskOperation, constant=(\\w+)").matcher(template);
        while (ops.find()) {
            assertThat(enumOf(catalog, "operation")).contains(ops.group(1));
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void dependenciesNameTheComponentOfThisVersionAndTheCamelModulesTheTemplateUses(String file) throws IOException {
        Map<String, Object> k = load(file);
        Map<String, Object> spec = map(k, "spec");
        List<String> dependencies = list(spec, "dependencies");
        String template = String.valueOf(spec.get("template"));
        String type = (String) map(map(k, "metadata"), "labels").get("camel.apache.org/kamelet.type");

        assertThat(dependencies).contains("camel:core", "camel:kamelet", COMPONENT + projectVersion());
        assertThat(dependencies.contains("camel:jackson")).as("camel:jackson").isEqualTo(template.contains("json"));
        assertThat(dependencies.contains("camel:platform-http")).as("camel:platform-http")
                .isEqualTo(template.contains("zendesk:webhook"));

        Map<String, Object> from = map(map(spec, "template"), "from");
        if (type.equals("source")) {
            assertThat((String) from.get("uri")).startsWith("zendesk:");
            assertThat(template).contains("kamelet:sink");
        } else {
            assertThat(from.get("uri")).isEqualTo("kamelet:source");
            assertThat(template).doesNotContain("kamelet:sink");
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void docsKameletsMdDocumentsEveryProperty(String file) throws IOException {
        Map<String, Object> properties = map(map(map(load(file), "spec"), "definition"), "properties");
        String name = file.substring(0, file.length() - ".kamelet.yaml".length());
        String docs = Files.readString(DOCS);
        int start = docs.indexOf("## " + name);
        assertThat(start).as("a section ## " + name).isNotNegative();
        int end = docs.indexOf("\n## ", start + 3);
        String section = docs.substring(start, end < 0 ? docs.length() : end);
        for (String property : properties.keySet()) {
            assertThat(section).as(name + " in docs/kamelets.md").contains("| `" + property + "`");
        }
    }

    // ---- helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(DIR.resolve(file)));
    }

    /** The from and to endpoints of the template whose uri is zendesk:..., as {uri, parameters}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> zendeskEndpoints(Map<String, Object> spec) {
        List<Map<String, Object>> found = new ArrayList<>();
        collect(spec.get("template"), found);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Map<String, Object>> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("uri") instanceof String uri && uri.startsWith("zendesk:")) {
                found.add((Map<String, Object>) map);
            }
            map.values().forEach(v -> collect(v, found));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, found));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? List.of() : (List<String>) value;
    }

    static JsonNode catalog() throws IOException {
        try (InputStream in = KameletFilesTest.class.getResourceAsStream("/META-INF/io/camelzendesk/component/zendesk.json")) {
            assertThat(in).as("the component's Camel catalog").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    static Set<String> enumOf(JsonNode catalog, String option) {
        Set<String> values = new LinkedHashSet<>();
        catalog.get("properties").get(option).get("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    static String projectVersion() {
        String version = System.getProperty("project.version");
        assertThat(version).as("system property project.version (set by the pom)").isNotBlank();
        return version;
    }
}
