package io.camelzendesk.springboot.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskConfiguration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How camel.component.zendesk.* reaches the component in Spring Boot: not at all without
 * ZendeskComponentAutoConfiguration (camel-spring-boot binds component options only through a component's starter),
 * or when it is switched off as a starter's would be;
 * with it, from properties in kebab or camel case, environment variables and Camel placeholders; and an unknown
 * option stops the start-up. No routes, no web server, no Zendesk: the component's configuration is all that is read.
 */
@ExtendWith(OutputCaptureExtension.class)
class CamelComponentPropertiesTest {

    static SpringApplicationBuilder app() {
        return new SpringApplicationBuilder(ZendeskSpringBootApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off");
    }

    /**
     * Command-line arguments: they win over application.properties, whose routes/*.yaml are left out unless the
     * properties name a routes-include-pattern.
     */
    static String[] args(String... properties) {
        List<String> args = new ArrayList<>();
        if (Arrays.stream(properties).noneMatch(p -> p.startsWith("camel.main.routes-include-pattern="))) {
            args.add("--camel.main.routes-include-pattern=classpath:no-routes/*.yaml");
        }
        Arrays.stream(properties).map(p -> "--" + p).forEach(args::add);
        return args.toArray(String[]::new);
    }

    static ZendeskConfiguration configuration(ConfigurableApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("zendesk", ZendeskComponent.class).getConfiguration();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "spring.autoconfigure.exclude=io.camelzendesk.springboot.autoconfigure.ZendeskComponentAutoConfiguration",
            "camel.component.zendesk.enabled=false",
            "camel.component.zendesk.customizer.enabled=false" })
    void withoutTheAutoConfigurationCamelSpringBootIgnoresThem(String off) {
        try (ConfigurableApplicationContext context = app().run(args(off,
                "camel.component.zendesk.base-url=http://127.0.0.1:8089",
                "camel.component.zendesk.api-token=ignored"))) {
            assertThat(configuration(context).getBaseUrl()).isNull();
            assertThat(configuration(context).getApiToken()).isNull();
        }
    }

    @Test
    void kebabCaseCamelCaseEnvironmentVariablesAndCamelPlaceholders() {
        String[] args = args(
                "camel.component.zendesk.subdomain=acme",
                "camel.component.zendesk.requestsPerMinute=200",
                "camel.component.zendesk.connect-timeout=3s",
                "camel.component.zendesk.email={{zendesk.user}}",
                "zendesk.user=agent@acme.example");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("CAMEL_COMPONENT_ZENDESK_APITOKEN", "from-the-environment",
                                "CAMEL_COMPONENT_ZENDESK_MAXRETRIES", "2")));
        try (ConfigurableApplicationContext context = app().environment(environment).run(args)) {
            ZendeskConfiguration config = configuration(context);
            assertThat(config.getSubdomain()).isEqualTo("acme");
            assertThat(config.getRequestsPerMinute()).isEqualTo(200);
            assertThat(config.getConnectTimeout()).isEqualTo(3000);
            assertThat(config.getEmail()).isEqualTo("agent@acme.example");
            assertThat(config.getApiToken()).isEqualTo("from-the-environment");
            assertThat(config.getMaxRetries()).isEqualTo(2);
        }
    }

    @Test
    void anUnknownOptionStopsTheStartUpWithoutPrintingItsValue(CapturedOutput output) {
        // routes are needed here: the component is created (and configured) for the first endpoint
        assertThatThrownBy(() -> app().run(args(
                "camel.main.routes-include-pattern=classpath:routes/*.yaml",
                "camel.component.zendesk.base-url=http://127.0.0.1:9",
                "camel.component.zendesk.email=agent@acme.example",
                "camel.component.zendesk.api-tokn=typo-d41d8cd98f00")).close())
                .satisfies(e -> {
                    StringBuilder chain = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        chain.append(t).append('\n');
                    }
                    assertThat(chain).contains("camel.component.zendesk.api-tokn is not an option of the zendesk component");
                    assertThat(chain).doesNotContain("typo-d41d8cd98f00");
                });
        assertThat(output.getAll()).doesNotContain("typo-d41d8cd98f00");
    }
}
