package io.camelzendesk.examples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;

/** {@code GET /demo/status}: the demo driver's milestones as JSON (not one of the use cases). */
@ApplicationScoped
public class DemoStatusRoute extends RouteBuilder {

    @Inject
    DemoDriver demo;

    @Override
    public void configure() {
        from("platform-http:/demo/status?httpMethodRestrict=GET").routeId("demo-status")
                .process(e -> e.getMessage().setBody(demo.status()))
                .marshal().json()
                .setHeader("Content-Type", constant("application/json"));
    }
}
