package io.camelzendesk.springboot.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import io.camelzendesk.component.ZendeskComponent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's {@code META-INF/spring-configuration-metadata.json} (what IDEs complete
 * {@code camel.component.zendesk.*} from, and what {@code spring-boot-configuration-processor} would write for a
 * properties class) is generated from the component's JSON catalog, so it lists exactly the component's options with
 * their types, defaults and descriptions. This test fails when the two drift; regenerate with
 * {@code mvn -pl camel-zendesk-spring-boot-starter -am test -Dtest=SpringConfigurationMetadataTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dzendesk.docs.update=true}.
 */
class SpringConfigurationMetadataTest {

    private static final Path FILE = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");
    private static final String CATALOG = "/META-INF/io/camelzendesk/component/zendesk.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theMetadataListsEveryComponentOptionOfTheCatalog() throws Exception {
        String expected = JSON.writeValueAsString(metadata()) + "\n";
        if (Boolean.getBoolean("zendesk.docs.update")) {
            Files.writeString(FILE, expected);
        }
        assertThat(Files.exists(FILE)).as(FILE + " exists (regenerate: -Dzendesk.docs.update=true)").isTrue();
        assertThat(Files.readString(FILE)).as(FILE + " matches the catalog (regenerate: -Dzendesk.docs.update=true)")
                .isEqualTo(expected);
    }

    @Test
    void everyOptionTheAutoConfigurationBindsIsDescribedAndViceVersa() throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata().get("properties");
        List<String> names = properties.stream().map(p -> (String) p.get("name")).toList();
        // the switches of the starters' convention, and the options in kebab case
        assertThat(names).contains(ZendeskComponentAutoConfiguration.PREFIX + ".enabled",
                ZendeskComponentAutoConfiguration.PREFIX + ".customizer.enabled",
                ZendeskComponentAutoConfiguration.PREFIX + ".base-url",
                ZendeskComponentAutoConfiguration.PREFIX + ".api-token",
                ZendeskComponentAutoConfiguration.PREFIX + ".requests-per-minute");
        assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).matches("[a-z0-9.-]+"));
        // secrets carry no default that could be a real value
        assertThat(properties).filteredOn(p -> ((String) p.get("name")).endsWith("api-token"))
                .allSatisfy(p -> assertThat(p).doesNotContainKey("defaultValue"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata() throws Exception {
        Map<String, Object> catalog;
        try (InputStream in = ZendeskComponent.class.getResourceAsStream(CATALOG)) {
            assertThat(in).as(CATALOG + " on the class path").isNotNull();
            catalog = JSON.readValue(in, Map.class);
        }
        String prefix = ZendeskComponentAutoConfiguration.PREFIX;
        String source = ZendeskComponent.class.getName();
        Map<String, Object> component = (Map<String, Object>) catalog.get("component");
        List<Map<String, Object>> properties = new ArrayList<>();
        properties.add(property(prefix + ".enabled", "java.lang.Boolean",
                "Whether to enable auto configuration of the zendesk component. This is enabled by default.", null,
                null));
        properties.add(property(prefix + ".customizer.enabled", "java.lang.Boolean",
                "Whether the zendesk component is configured from these properties (camel.component.customizer.enabled"
                + " switches every component at once). This is enabled by default.", null, null));
        Map<String, Map<String, Object>> options
                = (Map<String, Map<String, Object>>) catalog.get("componentProperties");
        options.forEach((name, option) -> {
            Map<String, Object> p = property(prefix + "." + kebab(name), springType((String) option.get("javaType")),
                    (String) option.get("description"), option.get("defaultValue"), source);
            if (Boolean.TRUE.equals(option.get("deprecated"))) {
                p.put("deprecation", Map.of());
            }
            properties.add(p);
        });
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", prefix);
        group.put("type", source);
        group.put("description", component.get("description"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("groups", List.of(group));
        metadata.put("properties", properties);
        return metadata;
    }

    private static Map<String, Object> property(String name, String type, String description, Object defaultValue,
            String sourceType) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("type", type);
        p.put("description", description);
        if (sourceType != null) {
            p.put("sourceType", sourceType);
        }
        if (defaultValue != null) {
            p.put("defaultValue", defaultValue);
        }
        return p;
    }

    /** Spring's metadata names boxed types. */
    static String springType(String javaType) {
        return switch (javaType) {
            case "boolean" -> "java.lang.Boolean";
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "double" -> "java.lang.Double";
            default -> javaType;
        };
    }

    /** {@code requestsPerMinute} -> {@code requests-per-minute}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
