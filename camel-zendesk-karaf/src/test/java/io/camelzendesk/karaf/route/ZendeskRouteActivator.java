package io.camelzendesk.karaf.route;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import io.camelzendesk.component.ZendeskComponent;

/**
 * An application bundle, as a user deploys one into an OSGi runtime: its own CamelContext, the {@code zendesk}
 * component found by Camel's own component resolution (META-INF/services of the component bundle, as Camel
 * Karaf's resolvers find it) and configured for the account, and the routes of an XML DSL file (zendesk-routes.xml
 * of the tests: a ticket created through the producer, the export read with its position in a file). Its settings
 * are framework properties: {@code zendesk.test.base-url}, {@code .client-id}, {@code .client-secret} (OAuth client
 * credentials), {@code .state-dir}, {@code .out-dir}, {@code .routes} (the XML file).
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
        camel = new DefaultCamelContext();
        camel.setApplicationContextClassLoader(loader);
        camel.getPropertiesComponent().addInitialProperty("zendesk.test.out-dir",
                bundles.getProperty("zendesk.test.out-dir"));
        // resolved by Camel from the component bundle's META-INF/services/org/apache/camel/component/zendesk
        ZendeskComponent zendesk = camel.getComponent("zendesk", ZendeskComponent.class);
        zendesk.getConfiguration().setBaseUrl(bundles.getProperty("zendesk.test.base-url"));
        zendesk.getConfiguration().setClientId(bundles.getProperty("zendesk.test.client-id"));
        zendesk.getConfiguration().setClientSecret(bundles.getProperty("zendesk.test.client-secret"));
        zendesk.getConfiguration().setStateDirectory(bundles.getProperty("zendesk.test.state-dir"));
        zendesk.getConfiguration().setIncrementalRequestsPerMinute(0);
        // the routes: the XML DSL file deployed beside the runtime
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:" + bundles.getProperty("zendesk.test.routes")));
        camel.start();
    }

    @Override
    public void stop(BundleContext bundles) {
        if (camel != null) {
            camel.stop();
        }
    }
}
