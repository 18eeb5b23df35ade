package io.camelzendesk.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

import io.camelzendesk.api.ApiResource;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.component.account.AccountSettings;
import io.camelzendesk.component.account.NamedAccounts;
import io.camelzendesk.component.account.ZendeskAccount;
import io.camelzendesk.component.connect.ZendeskConnectConsumer;
import io.camelzendesk.component.export.ZendeskExportConsumer;
import io.camelzendesk.component.producer.ZendeskProducer;
import io.camelzendesk.component.realtime.RealtimeEventTypes;
import io.camelzendesk.component.realtime.ZendeskRealtimeConsumer;
import io.camelzendesk.component.webhook.WebhookRegistrar;
import io.camelzendesk.component.webhook.ZendeskWebhookConsumer;

/**
 * Zendesk: tickets, users, organizations, groups, Help Center, macros, tags and ticket fields, with retries on rate
 * limits, cursor pagination, custom fields by name; incremental export and webhook consumers; OAuth connect flow.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "zendesk", title = "Zendesk", syntax = "zendesk:resource",
             category = { Category.SAAS, Category.API }, headersClass = ZendeskConstants.class)
public class ZendeskEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriPath(enums = "tickets,users,organizations,groups,articles,sections,categories,macros,tags,ticket_fields,"
                     + "uploads,ticket_events,webhook,connect",
             description = "The Zendesk resource.")
    @Metadata(required = true)
    private String resource;

    @UriParam
    private ZendeskConfiguration configuration;

    // Zendesk's export budget is 10 requests a minute: poll once a minute unless told otherwise
    @UriParam(label = "consumer,scheduler", defaultValue = "60000",
              description = "Milliseconds between polls once the export has reached its end (while it has not, the"
                            + " next page is fetched at once, paced by the export budget).")
    private long delay = 60_000;
    @UriParam(label = "consumer",
              description = "The most records (exchanges) one poll of the export hands to the route; 0: no limit. The"
                            + " next poll goes on within the same page.")
    private int maxMessagesPerPoll;

    private final ZendeskResource zendeskResource;
    /** The account part of the configuration, read once by {@link #validate()}; null for a webhook without the API. */
    private AccountSettings accountSettings;
    private ZendeskAccount account;
    private final java.util.List<ZendeskAccount> namedAccounts = new java.util.ArrayList<>();
    /** The webhook side of a realtime endpoint (realtime=true), else null. */
    private ZendeskEndpoint realtimeWebhook;

    public ZendeskEndpoint(String uri, ZendeskComponent component, ZendeskResource resource,
                           ZendeskConfiguration configuration) {
        super(uri, component);
        this.zendeskResource = resource;
        this.resource = resource.uriName();
        this.configuration = configuration;
        super.setDelay(delay);
    }

    @Override
    public long getDelay() {
        return delay;
    }

    @Override
    public void setDelay(long delay) {
        this.delay = delay;
        super.setDelay(delay);
    }

    /** Fails at endpoint creation, naming the option, when the configuration cannot work. */
    public void validate() {
        if (zendeskResource == ZendeskResource.WEBHOOK) {
            validateWebhook();
            return;
        }
        if (zendeskResource == ZendeskResource.CONNECT) {
            ZendeskConnectConsumer.validate(configuration);
            return;
        }
        accountSettings = AccountSettings.of(NamedAccounts.resolve(getCamelContext(), configuration));
        if (configuration.getOperation() != null) {
            zendeskResource.check(configuration.getOperation());
        }
        if (configuration.getStartTime() != null) {
            ZendeskExportConsumer.parseStartTime(configuration.getStartTime());
        }
        if (configuration.getPerPage() < 1 || configuration.getPerPage() > 1000) {
            throw new IllegalArgumentException(
                    "Option perPage must be between 1 and 1000, was " + configuration.getPerPage());
        }
        if (configuration.getPageSize() < 1 || configuration.getPageSize() > 100) {
            throw new IllegalArgumentException(
                    "Option pageSize must be between 1 and 100, was " + configuration.getPageSize());
        }
        if (configuration.isRealtime()) {
            validateRealtime();
        }
        if (configuration.isCoalesceUpdates() && zendeskResource != ZendeskResource.TICKETS) {
            throw new IllegalArgumentException("Option coalesceUpdates applies to zendesk:tickets (updates and"
                                               + " comments), not zendesk:" + resource);
        }
    }

    /** A realtime endpoint is an export endpoint with a webhook endpoint beside it, validated here too. */
    private void validateRealtime() {
        ZendeskConfiguration c = configuration;
        if (!RealtimeEventTypes.supports(zendeskResource)) {
            throw new IllegalArgumentException("Option realtime: zendesk:" + resource + " has no webhook events;"
                                               + " realtime follows " + RealtimeEventTypes.resources());
        }
        if (c.isPageAsList()) {
            throw new IllegalArgumentException("Option pageAsList cannot be used with realtime: each change is one"
                                               + " exchange, from either path");
        }
        if (c.getTriggerConditions() != null) {
            throw new IllegalArgumentException("Option triggerConditions cannot be used with realtime: it subscribes"
                                               + " to the resource's events (option eventTypes)");
        }
        if (c.getDeliveryLease() < 1000) {
            throw new IllegalArgumentException("Option deliveryLease must be at least 1s, was " + c.getDeliveryLease()
                                               + " ms");
        }
        boolean register = c.getExternalUrl() != null && !c.getExternalUrl().isBlank();
        if (!register && (c.getSigningSecret() == null || c.getSigningSecret().isBlank())) {
            throw new IllegalArgumentException("Option realtime needs externalUrl (the public URL of path " + c.getPath()
                                               + ", to register the webhook) or signingSecret (of a webhook"
                                               + " registered by hand that delivers there)");
        }
        ZendeskConfiguration w = c.copy();
        w.setAutoRegister(register);
        if (w.getEventTypes() == null || w.getEventTypes().isBlank()) {
            w.setEventTypes(RealtimeEventTypes.of(zendeskResource));
        }
        w.setAsyncAck(false);
        realtimeWebhook = new ZendeskEndpoint(getEndpointUri(), getComponent(), ZendeskResource.WEBHOOK, w);
        realtimeWebhook.validate();
    }

    /** The webhook consumer needs the API (and so an account and credentials) only to register itself. */
    private void validateWebhook() {
        ZendeskConfiguration c = configuration;
        if (c.isAutoRegister()) {
            accountSettings = AccountSettings.of(NamedAccounts.resolve(getCamelContext(), c));
            if (c.getExternalUrl() == null || c.getExternalUrl().isBlank()) {
                throw new IllegalArgumentException("Option externalUrl is required with autoRegister=true: the public"
                                                   + " URL Zendesk delivers to, e.g."
                                                   + " https://hooks.example.com" + c.getPath());
            }
            java.net.URI url;
            try {
                url = java.net.URI.create(c.getExternalUrl().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Option externalUrl is not a URL: " + c.getExternalUrl());
            }
            if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("Option externalUrl must be an http(s) URL, was " + c.getExternalUrl());
            }
            if (c.getTriggerConditions() == null && WebhookRegistrar.eventTypes(c.getEventTypes()).isEmpty()) {
                throw new IllegalArgumentException("Option autoRegister needs eventTypes (an event-subscribed webhook,"
                                                   + " e.g. eventTypes=ticket.status_changed) or triggerConditions (a"
                                                   + " trigger-connected webhook, e.g."
                                                   + " triggerConditions=status_changed:solved)");
            }
        } else if (c.isVerifySignature() && (c.getSigningSecret() == null || c.getSigningSecret().isBlank())) {
            throw new IllegalArgumentException("The Zendesk webhook consumer cannot verify deliveries without a"
                                               + " secret: set option signingSecret (the webhook's signing secret in"
                                               + " Zendesk), or autoRegister=true to read it from the API; only for"
                                               + " local tests, set verifySignature=false explicitly");
        }
        if (c.getTriggerConditions() != null) {
            WebhookRegistrar.parseTriggerConditions(c.getTriggerConditions());
        }
        if (c.getPath() == null || !c.getPath().startsWith("/")) {
            throw new IllegalArgumentException("Option path must start with /, was " + c.getPath());
        }
        for (String method : c.getHttpMethods().split(",")) {
            if (!java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE")
                    .contains(method.trim().toUpperCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("Option httpMethods: '" + method.trim() + "' is not one of GET,"
                                                   + " POST, PUT, PATCH, DELETE (the methods a Zendesk webhook uses)");
            }
        }
        if (c.getMaxBodySize() < 1) {
            throw new IllegalArgumentException("Option maxBodySize must be at least 1, was " + c.getMaxBodySize());
        }
        if (c.getMaxClockSkew() < 1) {
            throw new IllegalArgumentException("Option maxClockSkew must be positive, was " + c.getMaxClockSkew() + " ms");
        }
    }

    @Override
    public ZendeskComponent getComponent() {
        return (ZendeskComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        if (zendeskResource.operations().isEmpty()) {
            throw new IllegalArgumentException("Resource '" + resource + "' has no producer operations");
        }
        return new ZendeskProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (zendeskResource == ZendeskResource.WEBHOOK) {
            ZendeskWebhookConsumer consumer = new ZendeskWebhookConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
        if (zendeskResource == ZendeskResource.CONNECT) {
            ZendeskConnectConsumer consumer = new ZendeskConnectConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
        if (zendeskResource.export() == ApiResource.Incremental.Style.NONE) {
            throw new IllegalArgumentException("Resource '" + resource + "' cannot be consumed: the incremental export"
                                               + " covers tickets, users, organizations, ticket_events and articles");
        }
        if (configuration.isRealtime()) {
            ZendeskRealtimeConsumer consumer = new ZendeskRealtimeConsumer(this, realtimeWebhook,
                    this::createExportConsumer, processor);
            configureConsumer(consumer);
            return consumer;
        }
        return createExportConsumer(processor);
    }

    /** The export consumer of this endpoint, feeding {@code processor}. */
    private ZendeskExportConsumer createExportConsumer(Processor processor) {
        ZendeskExportConsumer consumer = new ZendeskExportConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(maxMessagesPerPoll);
        try {
            configureConsumer(consumer);
        } catch (Exception e) {
            throw new org.apache.camel.RuntimeCamelException(e);
        }
        return consumer;
    }

    /** This endpoint's account, shared with the endpoints of the same settings; acquired on first use. */
    public synchronized ZendeskAccount account() {
        if (accountSettings == null) {
            accountSettings = AccountSettings.of(NamedAccounts.resolve(getCamelContext(), configuration));
        }
        if (account == null || account.client().isClosed()) {
            account = getComponent().getAccounts().acquire(accountSettings);
        }
        return account;
    }

    /**
     * A named account for one exchange (the header CamelZendeskAccount), with this endpoint's other settings; held
     * until the endpoint stops.
     *
     * @throws IllegalArgumentException when the account is neither configured nor connected
     */
    public ZendeskAccount namedAccount(String name) {
        ZendeskConfiguration c = configuration.copy();
        c.setAccount(name);
        ZendeskAccount named = getComponent().getAccounts().acquire(AccountSettings.of(NamedAccounts.resolve(getCamelContext(), c)));
        synchronized (this) {
            namedAccounts.add(named);
        }
        return named;
    }

    /** The account this endpoint holds, or null before its first use (does not acquire one). */
    public synchronized ZendeskAccount currentAccount() {
        return account;
    }

    /** The client of this endpoint's account. */
    public ZendeskClient client() {
        return account().client();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (account != null) {
            getComponent().getAccounts().release(account);
            account = null;
        }
        namedAccounts.forEach(getComponent().getAccounts()::release);
        namedAccounts.clear();
        super.doStop();
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public ZendeskResource getZendeskResource() {
        return zendeskResource;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public ZendeskConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ZendeskConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public String getServiceUrl() {
        if (zendeskResource == ZendeskResource.WEBHOOK) {
            return configuration.getExternalUrl() != null ? configuration.getExternalUrl() : configuration.getPath();
        }
        if (zendeskResource == ZendeskResource.CONNECT) {
            return configuration.getRedirectUri();
        }
        return accountSettings != null ? accountSettings.baseUrl().toString() : AccountSettings.baseUrl(configuration);
    }

    @Override
    public String getServiceProtocol() {
        return zendeskResource == ZendeskResource.WEBHOOK || zendeskResource == ZendeskResource.CONNECT ? "http"
                : "https";
    }
}
