import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the starter's {@code META-INF/spring-configuration-metadata.json} (what IDEs complete
 * {@code camel.component.zendesk.*} from) from the component's Camel catalog, which is on the class path in the
 * component jar. Run by the build (exec-maven-plugin, generate-resources) as a single-file Java program, so the
 * metadata is never stale and never shipped as a class: {@code java -cp <runtime class path> this-file <output>}.
 * <p>
 * One property per component option of the catalog, in kebab case, with its description, default and (boxed) type;
 * plus the two switches of the starters' convention ({@code enabled}, {@code customizer.enabled}).
 */
public final class GenerateSpringConfigurationMetadata {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        Files.createDirectories(output.getParent());
        Files.writeString(output, JSON.writeValueAsString(metadata(catalog())) + "\n");
    }

    /** The catalog lives next to the component class: META-INF/{package as path}/{scheme}.json. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> catalog() throws Exception {
        ClassLoader loader = GenerateSpringConfigurationMetadata.class.getClassLoader();
        Properties service = new Properties();
        try (InputStream in = loader.getResourceAsStream("META-INF/services/org/apache/camel/component/zendesk")) {
            if (in == null) {
                throw new IllegalStateException("the zendesk component is not on the class path");
            }
            service.load(in);
        }
        String component = service.getProperty("class");
        String path = "META-INF/" + component.substring(0, component.lastIndexOf('.')).replace('.', '/')
                      + "/zendesk.json";
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return JSON.readValue(in, Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> catalog) {
        Map<String, Object> component = (Map<String, Object>) catalog.get("component");
        String prefix = "camel.component." + component.get("scheme");
        String source = (String) component.get("javaType");
        List<Map<String, Object>> properties = new ArrayList<>();
        properties.add(property(prefix + ".enabled", "java.lang.Boolean", "Whether to enable auto configuration of the "
                + component.get("scheme") + " component. This is enabled by default.", null, null));
        properties.add(property(prefix + ".customizer.enabled", "java.lang.Boolean", "Whether the "
                + component.get("scheme") + " component is configured from these properties"
                + " (camel.component.customizer.enabled switches every component at once). This is enabled by"
                + " default.", null, null));
        Map<String, Map<String, Object>> options = (Map<String, Map<String, Object>>) catalog.get("componentProperties");
        options.forEach((name, option) -> {
            Map<String, Object> p = property(prefix + "." + kebab(name), boxed((String) option.get("javaType")),
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
    static String boxed(String javaType) {
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
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private GenerateSpringConfigurationMetadata() {
    }
}
