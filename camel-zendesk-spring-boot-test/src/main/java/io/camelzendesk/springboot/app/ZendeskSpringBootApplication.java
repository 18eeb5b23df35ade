package io.camelzendesk.springboot.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application running the YAML routes of {@code src/main/resources/routes} with the zendesk component,
 * configured from {@code camel.component.zendesk.*}, its health checks in the actuator ({@code /actuator/health}).
 */
@SpringBootApplication
public class ZendeskSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(ZendeskSpringBootApplication.class, args);
    }
}
