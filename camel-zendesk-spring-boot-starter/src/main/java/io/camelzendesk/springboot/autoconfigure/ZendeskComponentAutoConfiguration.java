package io.camelzendesk.springboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import io.camelzendesk.component.ZendeskComponent;

/**
 * Binds {@code camel.component.zendesk.*} from Spring Boot's configuration (properties, YAML, environment variables
 * such as {@code CAMEL_COMPONENT_ZENDESK_APITOKEN}, ...) onto the {@code zendesk} component.
 * <p>
 * camel-spring-boot itself does not do this for a component: each Apache Camel component has a starter whose
 * generated auto-configuration registers a {@link ComponentCustomizer}. This is the same thing for the zendesk
 * component, written by hand, with the same switches ({@code camel.component.enabled},
 * {@code camel.component.zendesk.enabled}, {@code camel.component[.zendesk].customizer.enabled}). Options are set
 * through the component's generated configurer, so every component option of docs/reference.md works, in kebab case
 * ({@code base-url}) or camel case ({@code baseUrl}), and Camel placeholders such as {@code {{env:ZENDESK_API_TOKEN}}}
 * are resolved. An unknown option fails the start-up, naming the option but never its value.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.zendesk" })
public class ZendeskComponentAutoConfiguration {

    public static final String PREFIX = "camel.component.zendesk";

    /** The switches of the starters' convention: not options of the component. */
    private static final Set<String> SWITCHES = Set.of("enabled", "customizer.enabled");

    @Lazy
    @Bean
    public ComponentCustomizer configureZendeskComponent(CamelContext camelContext, Environment environment) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                bind(camelContext, target, options(environment));
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return target instanceof ZendeskComponent
                       && HierarchicalPropertiesEvaluator.evaluate(environment,
                               "camel.component.customizer", PREFIX + ".customizer");
            }
        };
    }

    /** The options under {@value #PREFIX}, keys as written (kebab case from properties, lower case from env vars). */
    static Map<String, String> options(Environment environment) {
        Map<String, String> options = new LinkedHashMap<>(Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElseGet(Map::of));
        options.keySet().removeIf(SWITCHES::contains);
        return options;
    }

    static void bind(CamelContext camelContext, Component component, Map<String, String> options) {
        // the generated configurer is resolved when the component is initialised
        ServiceHelper.initService(component);
        PropertyConfigurer configurer = component.getComponentPropertyConfigurer();
        options.forEach((key, value) -> {
            String option = StringHelper.dashToCamelCase(key);
            boolean bound;
            try {
                bound = PropertyBindingSupport.build().withConfigurer(configurer).withIgnoreCase(true)
                        .bind(camelContext, component, option, value);
            } catch (PropertyBindingException e) {
                // the binding exception quotes the value: never for a credential
                throw new IllegalArgumentException("Cannot set " + PREFIX + "." + key + " on the zendesk component"
                                                   + (secret(option) ? "" : ": " + e.getMessage()),
                        secret(option) ? null : e);
            }
            if (!bound) {
                throw new IllegalArgumentException(PREFIX + "." + key + " is not an option of the zendesk component"
                                                   + " (the component options are listed in docs/reference.md)");
            }
        });
    }

    /** Options whose values must not appear in a message: the credentials (the catalog's secret options). */
    static boolean secret(String option) {
        String o = option.toLowerCase(Locale.ROOT);
        return o.contains("token") || o.contains("secret") || o.contains("password") || o.equals("email")
               || o.equals("clientid");
    }
}
