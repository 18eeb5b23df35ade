package io.camelzendesk.component.secrets;

import java.util.Collection;
import java.util.Map;

import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.main.MainConfigurationDevConsole;
import org.apache.camel.main.MainHelper;
import org.apache.camel.util.OrderedLocationProperties;
import org.apache.camel.util.json.JsonObject;
import io.camelzendesk.component.ZendeskComponent;

/**
 * camel-main's {@code main-configuration} dev console, with the values of sensitive keys masked in its JSON answer
 * too.
 * <p>
 * Camel 4.17's console masks sensitive keys in its text answer only ({@code MainHelper.containsSensitive}: Camel's
 * keys, the context's additionalSensitiveKeywords, {@code RAW(...)} values); its JSON answer prints every
 * {@code camel.*} value, Camel's own passwords too. camel-main casts the console to
 * {@link MainConfigurationDevConsole} when it records the configuration, at start-up and on every properties reload,
 * so this replacement is one: it forwards what camel-main records to Camel's console, asks it, and masks in the JSON
 * answer the same keys the text answer masks. Loaded only when camel-main is on the classpath (the component's
 * dependency on it is optional).
 */
public final class SensitiveMainConfigurationConsole extends MainConfigurationDevConsole {

    public static final String ID = "main-configuration";
    public static final String CAMELS = "org.apache.camel.main.MainConfigurationDevConsole";

    private final MainConfigurationDevConsole camels;

    private SensitiveMainConfigurationConsole(MainConfigurationDevConsole camels) {
        this.camels = camels;
    }

    /**
     * Puts the masking console in place of camel-main's. Called only when the registered console is camel-main's
     * ({@link ZendeskComponent} checks by class name, so that the component runs without camel-main).
     */
    public static synchronized void install(DevConsoleRegistry registry, DevConsole current) {
        if (registry.getConsole(ID).orElse(null) == current && current instanceof MainConfigurationDevConsole mc) {
            registry.unregister(current);
            registry.register(new SensitiveMainConfigurationConsole(mc));
        }
    }

    @Override
    public void addStartupConfiguration(OrderedLocationProperties startupConfiguration) {
        camels.addStartupConfiguration(startupConfiguration);
    }

    @Override
    public void addStartupConfiguration(String loc, Object key, Object value) {
        camels.addStartupConfiguration(loc, key, value);
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        Object answer = camels.call(MediaType.TEXT, options);
        return answer == null ? null : answer.toString();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        Object answer = camels.call(MediaType.JSON, options);
        if (answer instanceof JsonObject json && json.get("configurations") instanceof Collection<?> configurations) {
            for (Object c : configurations) {
                if (c instanceof JsonObject entry
                        && MainHelper.containsSensitive(getCamelContext(), String.valueOf(entry.get("key")),
                                entry.get("value"))) {
                    for (String field : new String[] { "value", "originalValue", "defaultValue" }) {
                        if (entry.containsKey(field)) {
                            entry.put(field, ZendeskSecretOptions.MASK);
                        }
                    }
                }
            }
        }
        return (Map<String, Object>) answer;
    }
}
