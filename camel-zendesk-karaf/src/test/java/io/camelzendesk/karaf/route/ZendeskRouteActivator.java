package io.camelzendesk.karaf.route;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import io.camelzendesk.component.ZendeskComponent;

/**
 * An application bundle, as a user deploys one into an OSGi runtime: its own CamelContext, the {@code zendesk}
 * component found by Camel's own component resolution (META-INF/services of the component bundle, as Camel
 * Karaf's resolvers find it), an export route whose position is a file, and one ticket created through the producer.
 * Its settings are framework properties: {@code zendesk.test.base-url}, {@code .client-id}, {@code .client-secret}
 * (OAuth client credentials), {@code .state-dir}, {@code .out-dir}.
 * <p>
 * Built into a bundle by OsgiBundles.routeBundle; never loaded outside OSGi.
 */
public class ZendeskRouteActivator implements BundleActivator {

    private CamelContext camel;

    @Override
    public void start(BundleContext bundles) throws Exception {
        // Camel Karaf's OSGi resolvers look up Camel's services across bundles: here, Camel's bundle, then the
        // component's; also the context class loader of the threads Camel starts (not the launcher's class path)
        ClassLoader loader = new BundlesClassLoader(CamelContext.class.getClassLoader(),
                ZendeskComponent.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            startCamel(bundles, loader);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void startCamel(BundleContext bundles, ClassLoader loader) throws Exception {
        Path out = Path.of(bundles.getProperty("zendesk.test.out-dir"));
        camel = new DefaultCamelContext();
        camel.setApplicationContextClassLoader(loader);
        // resolved by Camel from the component bundle's META-INF/services/org/apache/camel/component/zendesk
        ZendeskComponent zendesk = camel.getComponent("zendesk", ZendeskComponent.class);
        zendesk.getConfiguration().setBaseUrl(bundles.getProperty("zendesk.test.base-url"));
        zendesk.getConfiguration().setClientId(bundles.getProperty("zendesk.test.client-id"));
        zendesk.getConfiguration().setClientSecret(bundles.getProperty("zendesk.test.client-secret"));
        zendesk.getConfiguration().setStateDirectory(bundles.getProperty("zendesk.test.state-dir"));
        zendesk.getConfiguration().setIncrementalRequestsPerMinute(0);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // every ticket change from the start of the account, its position kept in the state directory
                from("zendesk:tickets?startTime=0&delay=500").routeId("osgi-ticket-export")
                        .process(e -> Files.writeString(out.resolve("ticket-" + e.getMessage().getHeader("CamelZendeskId")
                                + ".json"), e.getMessage().getBody(String.class), StandardCharsets.UTF_8));
            }
        });
        camel.start();
        Object created = camel.createProducerTemplate().requestBody(
                "zendesk:tickets?operation=create",
                "{\"subject\": \"Created in OSGi\", \"comment\": {\"body\": \"by the zendesk bundle\"}}");
        Files.writeString(out.resolve("created.txt"), String.valueOf(camel.getTypeConverter()
                .convertTo(String.class, created)), StandardCharsets.UTF_8);
    }

    @Override
    public void stop(BundleContext bundles) {
        if (camel != null) {
            camel.stop();
        }
    }
}
