package io.camelzendesk.component.secrets;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.util.json.JsonObject;

/**
 * Camel's {@code properties} dev console, with the values of sensitive keys masked in both its answers.
 * <p>
 * Camel 4.17's console masks, in its text answer only, the keys of {@code SensitiveUtils} (not the context's
 * additionalSensitiveKeywords, so not {@code camel.component.zendesk.apiToken}), and its JSON answer prints every
 * resolved value as is. This wrapper asks Camel's console, then masks every value whose key
 * {@link CamelContextHelper#containsSensitive} finds sensitive (Camel's keys and the additional keywords, to which
 * the component adds its secret options). It replaces the console in the registry once, when the component starts.
 */
public final class SensitivePropertiesConsole implements DevConsole {

    public static final String ID = "properties";

    // "    [location] key = value" lines of the text answer
    private static final Pattern TEXT_LINE = Pattern.compile("(?m)^(\\s+(?:\\S.*?\\s)?)(\\S+)( = )(.*)$");

    private final CamelContext context;
    private final DevConsole camels;

    private SensitivePropertiesConsole(CamelContext context, DevConsole camels) {
        this.context = context;
        this.camels = camels;
    }

    /** Puts the masking console in place of Camel's in the context's dev-console registry, if there is one. */
    public static synchronized void install(CamelContext context) {
        DevConsoleRegistry registry = DevConsoleRegistry.get(context);
        if (registry == null) {
            return;
        }
        DevConsole current = registry.resolveById(ID);
        if (current == null || current instanceof SensitivePropertiesConsole) {
            return;
        }
        registry.unregister(current);
        registry.register(new SensitivePropertiesConsole(context, current));
    }

    @Override
    public String getGroup() {
        return camels.getGroup();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayName() {
        return camels.getDisplayName();
    }

    @Override
    public String getDescription() {
        return camels.getDescription();
    }

    @Override
    public boolean supportMediaType(MediaType mediaType) {
        return camels.supportMediaType(mediaType);
    }

    @Override
    public Object call(MediaType mediaType, Map<String, Object> options) {
        Object answer = camels.call(mediaType, options);
        if (answer instanceof JsonObject json) {
            if (json.get("properties") instanceof java.util.Collection<?> properties) {
                for (Object p : properties) {
                    if (p instanceof JsonObject property && sensitive(String.valueOf(property.get("key")))) {
                        for (String field : new String[] { "value", "originalValue", "defaultValue" }) {
                            if (property.containsKey(field)) {
                                property.put(field, ZendeskSecretOptions.MASK);
                            }
                        }
                    }
                }
            }
            return json;
        }
        if (answer instanceof CharSequence text) {
            Matcher m = TEXT_LINE.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String replacement = sensitive(m.group(2))
                        ? m.group(1) + m.group(2) + m.group(3) + ZendeskSecretOptions.MASK : m.group();
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(sb);
            return sb.toString();
        }
        return answer;
    }

    private boolean sensitive(String key) {
        return CamelContextHelper.containsSensitive(context, key);
    }
}
