package io.camelzendesk.component.secrets;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.spi.ModelToYAMLDumper;

/**
 * Camel's route dumpers (YAML and XML), with the values of the component's secret options masked in what they
 * return.
 * <p>
 * Camel 4.17 prints the route model as written: {@code ModelToYAMLDumper} and {@code ModelToXMLDumper} do not
 * sanitize URIs, and no option of {@code DefaultDumpRoutesStrategy} ({@code camel.main.dumpRoutes*}) nor of the
 * {@code route-dump} console makes them. Every dump goes through these two context plugins: the start-up dump and
 * its files ({@code DefaultDumpRoutesStrategy}), the {@code route-dump} console in text and JSON, and the JMX
 * operations {@code dumpRouteAsXml}/{@code dumpRouteAsYaml} of the routes. The component puts these wrappers in
 * their place: they ask Camel's dumper, then replace the value of every secret option ({@link ZendeskSecretOptions})
 * in every URI of the text (also kamelet URIs, which pass the options through), and under the {@code parameters:}
 * of a YAML dump with {@code uriAsParameters}. A property placeholder ({@code {{...}}}, dumped when placeholders are
 * not resolved) is not a secret and is kept, so a dump without resolved placeholders still loads as a route.
 */
public final class MaskingModelDumpers {

    private static final String NAMES = String.join("|", ZendeskSecretOptions.NAMES);
    private static final String PLACEHOLDER = "\\{\\{[^}]*\\}\\}";

    // a value in a URI of a dump: up to the next & (&amp; in XML) or the end of the XML attribute or YAML scalar,
    // with what those escape: XML entities, '' in single-quoted YAML, backslash escapes in double-quoted YAML
    private static final String VALUE = "RAW\\([^)]*\\)|RAW\\{[^}]*\\}"
                                        + "|(?:&(?!amp;)#?\\w+;|''|'(?!\\s|$)|\\\\\\S|[^&\"'\\\\\\s<>])+";

    // a secret option in a URI: after ? or & (&amp; in XML); an empty value (an option blanked) and a placeholder
    // are not secrets
    private static final Pattern IN_URI = Pattern.compile(
            "([?&](?:amp;)?(?:" + NAMES + ")=)(?!" + PLACEHOLDER + "(?:[&\"'\\s<]|$))(" + VALUE + ")",
            Pattern.CASE_INSENSITIVE);

    // a secret option as a YAML key (uriAsParameters), with its indentation
    private static final Pattern YAML_KEY = Pattern.compile(
            "^(\\s*)((?:" + NAMES + ")\\s*:\\s*)(?!(?:\"\"|''|['\"]?" + PLACEHOLDER + "['\"]?)\\s*$)(\\S.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YAML_PARAMETERS = Pattern.compile("^(\\s*)(?:-\\s+)?parameters\\s*:\\s*$");

    private MaskingModelDumpers() {
    }

    /**
     * Puts the masking dumpers in place of the context's, once. A dumper that is not on the classpath (no
     * camel-yaml-io or camel-xml-io) is left as it is: nothing can be dumped in that format.
     */
    public static synchronized void install(CamelContext context) {
        ExtendedCamelContext ecc = context.getCamelContextExtension();
        ModelToYAMLDumper yaml = plugin(ecc, ModelToYAMLDumper.class);
        if (yaml != null && !(yaml instanceof Yaml)) {
            ecc.addContextPlugin(ModelToYAMLDumper.class, new Yaml(yaml));
        }
        ModelToXMLDumper xml = plugin(ecc, ModelToXMLDumper.class);
        if (xml != null && !(xml instanceof Xml)) {
            ecc.addContextPlugin(ModelToXMLDumper.class, new Xml(xml));
        }
    }

    private static <T> T plugin(ExtendedCamelContext ecc, Class<T> type) {
        try {
            return ecc.getContextPlugin(type);
        } catch (RuntimeException notOnClasspath) {
            // Camel's "Cannot find ModelToYAMLDumper on classpath": the component starts all the same
            return null;
        }
    }

    /** The dump with the value of every secret option replaced by {@value ZendeskSecretOptions#MASK}. */
    static String mask(String dump) {
        if (dump == null || dump.isEmpty()) {
            return dump;
        }
        Matcher m = IN_URI.matcher(dump);
        String text = m.find() ? m.replaceAll("$1" + ZendeskSecretOptions.MASK) : dump;
        if (!text.contains("parameters")) {
            return text;
        }
        return maskYamlParameters(text);
    }

    // the keys of every "parameters:" block: the lines indented deeper than the block's own line
    private static String maskYamlParameters(String text) {
        String[] lines = text.split("\n", -1);
        int blockIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int indent = indentOf(line);
            if (blockIndent >= 0 && !line.isBlank() && indent <= blockIndent) {
                blockIndent = -1;
            }
            Matcher p = YAML_PARAMETERS.matcher(line);
            if (p.matches()) {
                blockIndent = indent;
                continue;
            }
            if (blockIndent >= 0) {
                Matcher k = YAML_KEY.matcher(line);
                if (k.matches()) {
                    lines[i] = k.group(1) + k.group(2) + ZendeskSecretOptions.MASK;
                }
            }
        }
        return String.join("\n", lines);
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '-')) {
            n++;
        }
        return n;
    }

    /** Camel's YAML dumper, masked. */
    static final class Yaml implements ModelToYAMLDumper {
        private final ModelToYAMLDumper camels;

        Yaml(ModelToYAMLDumper camels) {
            this.camels = camels;
        }

        @Override
        public String dumpModelAsYaml(CamelContext context, NamedNode definition) throws Exception {
            return mask(camels.dumpModelAsYaml(context, definition));
        }

        @Override
        public String dumpModelAsYaml(
                CamelContext context, NamedNode definition, boolean resolvePlaceholders, boolean uriAsParameters,
                boolean generatedIds, boolean sourceLocation)
                throws Exception {
            return mask(camels.dumpModelAsYaml(context, definition, resolvePlaceholders, uriAsParameters, generatedIds,
                    sourceLocation));
        }

        @Override
        public String dumpBeansAsYaml(CamelContext context, List<Object> beans) throws Exception {
            return camels.dumpBeansAsYaml(context, beans);
        }

        @Override
        public String dumpDataFormatsAsYaml(CamelContext context, Map<String, Object> dataFormats) throws Exception {
            return camels.dumpDataFormatsAsYaml(context, dataFormats);
        }
    }

    /** Camel's XML dumper, masked. */
    static final class Xml implements ModelToXMLDumper {
        private final ModelToXMLDumper camels;

        Xml(ModelToXMLDumper camels) {
            this.camels = camels;
        }

        @Override
        public String dumpModelAsXml(CamelContext context, NamedNode definition) throws Exception {
            return mask(camels.dumpModelAsXml(context, definition));
        }

        @Override
        public String dumpModelAsXml(
                CamelContext context, NamedNode definition, boolean resolvePlaceholders, boolean generatedIds,
                boolean sourceLocation)
                throws Exception {
            return mask(camels.dumpModelAsXml(context, definition, resolvePlaceholders, generatedIds, sourceLocation));
        }

        @Override
        public String dumpBeansAsXml(CamelContext context, List<Object> beans) throws Exception {
            return camels.dumpBeansAsXml(context, beans);
        }

        @Override
        public String dumpDataFormatsAsXml(CamelContext context, Map<String, Object> dataFormats) throws Exception {
            return camels.dumpDataFormatsAsXml(context, dataFormats);
        }
    }
}
