package io.camelzendesk.examples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;

/**
 * Not one of the use cases: {@code GET /demo/status}, the demo driver's milestones as JSON, and
 * {@code GET /demo/zendesk}, what the component reports about itself (its {@code zendesk} dev console: accounts,
 * requests, rate-limit waits, token refreshes, export positions, webhook deliveries).
 */
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
        from("platform-http:/demo/zendesk?httpMethodRestrict=GET").routeId("demo-zendesk")
                .process(e -> e.getMessage()
                        .setBody(((JsonObject) zendeskConsole().call(DevConsole.MediaType.JSON)).toJson()))
                .setHeader("Content-Type", constant("application/json"));
    }

    private volatile DevConsole console;

    /** Resolved once, through its service descriptor, as Camel's own console endpoints find it. */
    private DevConsole zendeskConsole() {
        if (console == null) {
            DevConsole found = PluginHelper.getDevConsoleResolver(getContext()).resolveDevConsole("zendesk");
            if (found == null) {
                throw new IllegalStateException("no zendesk dev console: its descriptor is not on the class path");
            }
            console = found;
        }
        return console;
    }
}
