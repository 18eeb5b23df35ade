package io.camelzendesk.examples.main;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.net.httpserver.HttpServer;
import io.camelzendesk.emulator.SecretScan;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainPropertiesReload;
import org.apache.camel.spi.DumpRoutesStrategy;
import org.apache.camel.util.OrderedLocationProperties;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.camelzendesk.emulator.SecretScan.ONLY_COMPONENT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * camel-main started with every secret option of the component set to a recognisable value, on the component
 * (camel.component.zendesk.*) and in endpoint URIs: nothing it prints contains one of them. Scanned: every log line
 * (the auto-configuration summary, the route dump, DEBUG of the component, a 401 and its stack), every dev console
 * in text and JSON, the health checks with their details, and every attribute of the JMX MBeans of the endpoints,
 * routes and consumers/producers.
 */
class SecretsNotPrintedMainTest {

    /** The secret values, by where they are set. */
    private static final SecretScan SECRETS = new SecretScan("Zq");

    private Main main;
    private HttpServer zendesk;
    private Capture capture;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (zendesk != null) {
            zendesk.stop(0);
        }
        if (capture != null) {
            capture.close();
        }
    }

    @Test
    void nothingCamelMainPrintsContainsASecret() throws Exception {
        zendesk = SecretScan.refusingZendesk();
        String base = "http://127.0.0.1:" + zendesk.getAddress().getPort();
        capture = Capture.open();
        Configurator.setLevel("io.camelzendesk", Level.DEBUG);
        Configurator.setLevel("org.apache.camel.component.platform.http", Level.DEBUG);

        main = new Main();
        Map<String, String> p = new LinkedHashMap<>();
        // the examples' application.properties is on the classpath: no routes from files here
        p.put("camel.main.routes-include-pattern", "classpath:no-such-dir/*.yaml");
        p.put("camel.main.autoConfigurationLogSummary", "true");
        p.put("camel.main.dumpRoutes", "yaml");
        p.put("camel.main.dumpRoutesResolvePlaceholders", "true");
        p.put("camel.main.devConsoleEnabled", "true");
        p.put("camel.main.jmxEnabled", "true");
        p.put("camel.main.jmxManagementStatisticsLevel", "Extended");
        p.put("camel.main.tracing", "true");
        p.put("camel.health.enabled", "true");
        p.put("camel.server.enabled", "true");
        p.put("camel.server.port", String.valueOf(freePort()));
        p.put("camel.component.zendesk.base-url", base);
        p.put("camel.component.zendesk.max-retries", "0");
        p.put("camel.component.zendesk.email", SECRETS.secret("component email"));
        p.put("camel.component.zendesk.api-token", SECRETS.secret("component apiToken"));
        p.put("camel.component.zendesk.oauthToken", SECRETS.secret("component oauthToken"));
        p.put("camel.component.zendesk.client-id", SECRETS.secret("component clientId"));
        p.put("camel.component.zendesk.clientSecret", SECRETS.secret("component clientSecret"));
        p.put("camel.component.zendesk.signing-secret", SECRETS.secret("component signingSecret"));
        p.forEach(main::addOverrideProperty);
        // each API endpoint keeps exactly one kind of credentials: the others are blanked in its URI
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:component").routeId("component-token")
                        .to("zendesk:users?operation=me" + ONLY_COMPONENT_TOKEN);
                from("direct:token").routeId("uri-token").to("zendesk:users?operation=me" + SECRETS.uriToken());
                from("direct:oauth").routeId("uri-oauth").to("zendesk:tickets?operation=get&id=1" + SECRETS.uriOauth());
                from("direct:client").routeId("uri-client")
                        .to("zendesk:groups?operation=get&id=2" + SECRETS.uriClient());
                from("zendesk:webhook?path=/hooks/component").routeId("component-hook").to("log:hook");
                from("zendesk:webhook?path=/hooks/uri&signingSecret=" + SECRETS.secret("uri signingSecret"))
                        .routeId("uri-hook").to("log:hook");
            }
        });
        main.start();
        CamelContext context = main.getCamelContext();

        // a properties reload with a wildcard: camel-main casts the main-configuration console to its own class to
        // record what the wildcard set on each component; the component's masking console must be one
        OrderedLocationProperties reloaded = new OrderedLocationProperties();
        reloaded.put("reload", "camel.component.*.lazy-start-producer", "true");
        context.hasService(MainPropertiesReload.class).onReload("reload", reloaded);

        List<String> printed = new ArrayList<>();
        // the 401s, as the routes' callers see them
        for (String route : List.of("direct:component", "direct:token", "direct:oauth", "direct:client")) {
            try {
                context.createProducerTemplate().requestBody(route, (Object) null);
                fail(route + " should have failed with a 401");
            } catch (Exception e) {
                printed.add("exception of " + route + ": " + SecretScan.stack(e));
            }
        }
        // the route dump, on demand too, in both formats
        context.getCamelContextExtension().getContextPlugin(DumpRoutesStrategy.class).dumpRoutes("yaml");
        context.getCamelContextExtension().getContextPlugin(DumpRoutesStrategy.class).dumpRoutes("xml");
        // every dev console, in both media types
        DevConsoleRegistry consoles = DevConsoleRegistry.get(context);
        assertThat(consoles.stream().map(DevConsole::getId)).contains("properties", "route", "endpoint", "health",
                "route-dump", "main-configuration");
        consoles.stream().toList().forEach(console -> {
            for (DevConsole.MediaType type : DevConsole.MediaType.values()) {
                if (console.supportMediaType(type)) {
                    try {
                        printed.add("console " + console.getId() + " " + type + ": "
                                    + console.call(type, Map.of("dump", "yaml", "format", "yaml")));
                    } catch (RuntimeException e) {
                        printed.add("console " + console.getId() + " " + type + " failed: " + SecretScan.stack(e));
                    }
                }
            }
        });
        // the route dump console in its other formats: XML, and YAML with the URIs as parameters
        DevConsole routeDump = consoles.resolveById("route-dump");
        for (Map<String, Object> options : List.<Map<String, Object>> of(Map.of("format", "xml"),
                Map.of("format", "yaml", "uriAsParameters", "true"))) {
            for (DevConsole.MediaType type : DevConsole.MediaType.values()) {
                printed.add("console route-dump " + type + " " + options + ": " + routeDump.call(type, options));
            }
        }
        // the JMX operations that dump a route
        ObjectName uriTokenRoute = new ObjectName("org.apache.camel:context=" + context.getManagementName()
                                                  + ",type=routes,name=\"uri-token\"");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        printed.add("mbean dumpRouteAsXml: " + jmx.invoke(uriTokenRoute, "dumpRouteAsXml", new Object[] { true },
                new String[] { "boolean" }));
        printed.add("mbean dumpRouteAsYaml: " + jmx.invoke(uriTokenRoute, "dumpRouteAsYaml",
                new Object[] { true, true }, new String[] { "boolean", "boolean" }));
        // the health checks and their details
        for (HealthCheck.Result r : HealthCheckHelper.invoke(context)) {
            printed.add("health " + r.getCheck().getId() + " " + r.getState() + " " + r.getMessage().orElse("") + " "
                        + r.getDetails() + " " + r.getError().map(SecretScan::stack).orElse(""));
        }
        // the JMX MBeans of the context (endpoints, routes, processors, consumers, producers, components...)
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:context="
                + context.getManagementName() + ",*"), null);
        assertThat(names).anyMatch(n -> "endpoints".equals(n.getKeyProperty("type")));
        for (ObjectName name : names) {
            printed.add("mbean " + name);
            for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                try {
                    printed.add("mbean " + name + " " + a.getName() + " = " + server.getAttribute(name, a.getName()));
                } catch (Exception | LinkageError e) {
                    // attributes that cannot be read (unsupported operations) print nothing
                }
            }
        }
        main.stop();
        main = null;
        printed.addAll(capture.events());

        String all = String.join("\n", printed);
        List<String> leaks = new ArrayList<>();
        for (String output : printed) {
            leaks.addAll(SECRETS.leaks(output.substring(0, output.indexOf(':')), output));
        }
        System.out.println("Outputs scanned: " + printed.size());
        assertThat(leaks).as("outputs with a secret").isEmpty();
        assertThat(all).as("the summary was logged").contains("camel.component.zendesk.api-token = xxxxxx");
        assertThat(all).as("the routes were dumped").contains("Dumping 6 routes as YAML", "Dumping 6 routes as XML");
        assertThat(all).as("the main-configuration console, masked, with what was recorded after start")
                .contains("key=camel.component.zendesk.api-token, value=xxxxxx")
                .contains("key=camel.component.*.lazyStartProducer, value=true, location=[reload]");
        // the dumps still show the routes, with the secrets masked where they were
        assertThat(all).as("dumped URIs, masked").contains("&apiToken=xxxxxx", "&amp;apiToken=xxxxxx",
                "clientSecret=xxxxxx", "signingSecret=xxxxxx", "apiToken: xxxxxx");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Every log event of every logger while open, with its exceptions. */
    static final class Capture extends AbstractAppender {
        private final List<String> lines = new ArrayList<>();

        private Capture() {
            super("secrets-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        static Capture open() {
            Capture c = new Capture();
            c.start();
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getLoggers().values().forEach(l -> l.addAppender(c, Level.ALL, null));
            ctx.getConfiguration().getRootLogger().addAppender(c, Level.ALL, null);
            ctx.updateLoggers();
            return c;
        }

        @Override
        public synchronized void append(LogEvent event) {
            StringBuilder sb = new StringBuilder("log ").append(event.getLoggerName()).append(": ")
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                sb.append('\n').append(SecretScan.stack(event.getThrown()));
            }
            lines.add(sb.toString());
        }

        synchronized List<String> events() {
            return new ArrayList<>(lines);
        }

        void close() {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getLoggers().values().forEach(l -> l.removeAppender(getName()));
            ctx.getConfiguration().getRootLogger().removeAppender(getName());
            ctx.updateLoggers();
            stop();
        }
    }
}
