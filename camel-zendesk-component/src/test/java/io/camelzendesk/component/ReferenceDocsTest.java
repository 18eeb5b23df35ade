package io.camelzendesk.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.camelzendesk.api.ApiResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reference.md is generated from the component's Camel catalog (the JSON the build generates from the
 * {@code @UriParam} / {@code @Metadata} declarations) and from {@link ZendeskResource}: it cannot drift from the code.
 * Regenerate with {@code mvn -f camel-zendesk-component/pom.xml test -Dtest=ReferenceDocsTest -Dzendesk.docs.update=true}.
 */
class ReferenceDocsTest {

    private static final Path DOC = Path.of("..", "docs", "reference.md");

    @Test
    void docsReferenceMatchesTheCatalog() throws Exception {
        JsonNode catalog = new ObjectMapper().readTree(
                getClass().getResourceAsStream("/META-INF/io/camelzendesk/component/zendesk.json"));
        String generated = render(catalog);
        if (Boolean.getBoolean("zendesk.docs.update")) {
            Files.writeString(DOC, generated);
        }
        assertThat(Files.exists(DOC)).as("docs/reference.md exists (regenerate: -Dzendesk.docs.update=true)").isTrue();
        assertThat(Files.readString(DOC))
                .as("docs/reference.md is stale: regenerate with -Dtest=ReferenceDocsTest -Dzendesk.docs.update=true")
                .isEqualTo(generated);
    }

    static String render(JsonNode catalog) {
        StringBuilder md = new StringBuilder();
        JsonNode component = catalog.get("component");
        md.append("# zendesk: reference\n\n")
                .append("Generated from the component's Camel catalog (`").append(component.get("syntax").asText())
                .append("`) by ReferenceDocsTest: do not edit by hand.\n\n")
                .append(component.get("description").asText()).append("\n\n");

        md.append("## Resources and producer operations\n\n| resource | operations | incremental export |\n|---|---|---|\n");
        for (ZendeskResource r : ZendeskResource.values()) {
            md.append("| `").append(r.uriName()).append("` | ")
                    .append(r.operations().isEmpty() ? "-" : r.operations().stream().map(Enum::name)
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(r == ZendeskResource.WEBHOOK ? "webhook consumer"
                            : r == ZendeskResource.CONNECT ? "connect consumer (OAuth authorization code)"
                            : r.export() == ApiResource.Incremental.Style.NONE ? "-" : r.export().name().toLowerCase() + "-based")
                    .append(" |\n");
        }

        md.append("\n## Component options\n\nSet once on the component (`camel.component.zendesk.<option>`); every"
                  + " option of the configuration can be overridden per endpoint.\n\n");
        table(md, catalog.get("componentProperties"));

        md.append("\n## Endpoint options\n\n");
        Map<String, Map<String, JsonNode>> byGroup = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = catalog.get("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String group = e.getValue().path("label").asText("common");
            byGroup.computeIfAbsent(group.isEmpty() ? "common" : group, g -> new LinkedHashMap<>())
                    .put(e.getKey(), e.getValue());
        }
        byGroup.forEach((group, options) -> {
            md.append("### ").append(group).append("\n\n");
            ObjectMapper m = new ObjectMapper();
            table(md, m.valueToTree(options));
            md.append('\n');
        });

        md.append("## Headers\n\n| header | type | label | description |\n|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = catalog.get("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode h = e.getValue();
            md.append("| `").append(e.getKey()).append("` | `").append(h.path("javaType").asText()).append("` | ")
                    .append(h.path("label").asText()).append(" | ").append(cell(h.path("description").asText()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, JsonNode options) {
        md.append("| option | type | default | description |\n|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            String type = o.path("javaType").asText();
            md.append("| `").append(e.getKey()).append("`").append(o.path("secret").asBoolean() ? " (secret)" : "")
                    .append(o.path("required").asBoolean() ? " (required)" : "").append(" | `")
                    .append(type.replaceAll("\\b[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*\\.", "")).append("` | ")
                    .append(o.has("defaultValue") ? "`" + o.get("defaultValue").asText() + "`" : "").append(" | ")
                    .append(cell(o.path("description").asText()))
                    .append(o.has("enum") ? " One of: " + join(o.get("enum")) + "." : "").append(" |\n");
        }
    }

    private static String join(JsonNode values) {
        StringBuilder sb = new StringBuilder();
        values.forEach(v -> sb.append(sb.length() > 0 ? ", " : "").append('`').append(v.asText()).append('`'));
        return sb.toString();
    }

    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
