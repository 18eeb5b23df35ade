package io.camelzendesk.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

import io.camelzendesk.component.account.ZendeskAccounts;
import io.camelzendesk.component.connect.ZendeskConnectConsumer;
import io.camelzendesk.component.metrics.ConsumerMeters;
import io.camelzendesk.component.metrics.ZendeskMetrics;
import io.camelzendesk.component.secrets.MaskingModelDumpers;
import io.camelzendesk.component.secrets.SensitiveMainConfigurationConsole;
import io.camelzendesk.component.secrets.SensitivePropertiesConsole;
import io.camelzendesk.component.secrets.ZendeskSecretOptions;

/**
 * The {@code zendesk:} component. Holds the shared {@link ZendeskConfiguration} (so routes stay short:
 * {@code zendesk:tickets?operation=get}) and creates endpoints; the accounts they use are in {@link ZendeskAccounts}.
 * Camel's {@code healthCheckProducerEnabled} turns the account checks off (they probe the API the producers call),
 * {@code healthCheckConsumerEnabled} the consumers' checks.
 */
@Component("zendesk")
public class ZendeskComponent extends HealthCheckComponent {

    @Metadata(description = "The shared configuration; every option of it can also be set per endpoint.")
    private ZendeskConfiguration configuration = new ZendeskConfiguration();

    private ZendeskAccounts accounts;
    private ZendeskMetrics metrics = ZendeskMetrics.NONE;
    private ConsumerMeters consumerMeters;

    // the URI an endpoint reports (its secrets masked) -> the URI it was created from, so that Camel code that
    // resolves an endpoint again by its reported URI (templates, endpoint strategies) gets the same credentials;
    // "" when two URIs with different secrets mask to the same text
    private final Map<String, String> maskedUris = new ConcurrentHashMap<>();

    public ZendeskComponent() {
    }

    @Override
    public void setCamelContext(CamelContext context) {
        super.setCamelContext(context);
        if (context != null) {
            // as early as possible: camel-main logs its configuration summary right after binding our properties
            ZendeskSecretOptions.registerSensitiveKeywords(context);
        }
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ZendeskSchemeGuard.check(getCamelContext(), ZendeskComponent.class);
        ZendeskSecretOptions.registerSensitiveKeywords(getCamelContext());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a user's camel.main.additionalSensitiveKeywords may have replaced ours since doInit
        ZendeskSecretOptions.registerSensitiveKeywords(getCamelContext());
        SensitivePropertiesConsole.install(getCamelContext());
        maskMainConfigurationConsole();
        MaskingModelDumpers.install(getCamelContext());
        startMetrics();
    }

    // zendesk.* meters when the application has a Micrometer registry (and micrometer-core is on the classpath)
    private void startMetrics() throws Exception {
        metrics = ZendeskMetrics.of(getCamelContext());
        if (metrics == ZendeskMetrics.NONE) {
            return;
        }
        getAccounts().setMetrics(metrics);
        consumerMeters = new ConsumerMeters(metrics);
        consumerMeters.start();
        getCamelContext().getManagementStrategy().addEventNotifier(consumerMeters);
        consumerMeters.routesStarted(getCamelContext());
    }

    // camel-main's console, when camel-main is there: checked by name, so that its classes are loaded only then
    private void maskMainConfigurationConsole() {
        DevConsoleRegistry registry = DevConsoleRegistry.get(getCamelContext());
        DevConsole current = registry == null ? null
                : registry.getConsole(SensitiveMainConfigurationConsole.ID).orElse(null);
        if (current != null && SensitiveMainConfigurationConsole.CAMELS.equals(current.getClass().getName())) {
            SensitiveMainConfigurationConsole.install(registry, current);
        }
    }

    @Override
    public Endpoint createEndpoint(String uri, Map<String, Object> properties) throws Exception {
        if (ZendeskSecretOptions.hasMaskedValue(uri) && maskedUris.containsKey(uri)) {
            String original = maskedUris.get(uri);
            if (original.isEmpty()) {
                throw new IllegalArgumentException("The endpoint " + uri + " was resolved by its masked URI, which"
                                                   + " several endpoints with different credentials share: resolve"
                                                   + " it by the URI it was created from");
            }
            uri = original;
        }
        return super.createEndpoint(uri, properties);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ZendeskResource resource = ZendeskResource.fromUri(remaining);
        // the endpoint reports its URI with the secrets masked: Camel prints getEndpointUri() as is in the endpoint
        // and route consoles, JMX attributes and health details
        String shown = ZendeskSecretOptions.maskUri(uri);
        if (!shown.equals(uri)) {
            maskedUris.merge(shown, uri, (a, b) -> a.equals(b) ? a : "");
        }
        ZendeskEndpoint endpoint = new ZendeskEndpoint(shown, this, resource, configuration.copy());
        if (resource == ZendeskResource.CONNECT && !parameters.containsKey("path")) {
            // the component's path is the webhook's: connect has its own default
            endpoint.getConfiguration().setPath(ZendeskConnectConsumer.DEFAULT_PATH);
        }
        boolean realtime = Boolean.parseBoolean(String.valueOf(parameters.get("realtime")));
        if (realtime && !parameters.containsKey("path")) {
            // so is realtime: one path per resource
            endpoint.getConfiguration().setPath("/zendesk/realtime/" + resource.uriName());
        }
        setProperties(endpoint, parameters);
        endpoint.validate();
        if (resource == ZendeskResource.WEBHOOK || resource == ZendeskResource.CONNECT || realtime) {
            // the webhook and connect consumers serve through platform-http: resolve that component now, while routes
            // are being created, so that runtimes which set up their HTTP server when platform-http is first resolved
            // (camel-main, camel run) do it before Camel starts rather than in the middle of starting a route
            getCamelContext().getComponent("platform-http", true);
        }
        return endpoint;
    }

    public ZendeskConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ZendeskConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The accounts the endpoints of this component use. */
    public synchronized ZendeskAccounts getAccounts() {
        if (accounts == null) {
            accounts = new ZendeskAccounts(getCamelContext(), this::isHealthCheckProducerEnabled);
        }
        return accounts;
    }

    @Override
    protected void doStop() throws Exception {
        getAccounts().closeAll();
        if (consumerMeters != null) {
            getCamelContext().getManagementStrategy().removeEventNotifier(consumerMeters);
            consumerMeters.stop();
            consumerMeters = null;
        }
        metrics.close();
        metrics = ZendeskMetrics.NONE;
        super.doStop();
    }

    /** For tests and tooling: the number of live clients. */
    int clientCount() {
        return getAccounts().list().size();
    }

}
