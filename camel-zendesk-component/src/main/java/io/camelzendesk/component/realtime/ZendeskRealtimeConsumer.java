package io.camelzendesk.component.realtime;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.export.ZendeskExportConsumer;
import io.camelzendesk.component.position.StateRepositories;
import io.camelzendesk.component.webhook.ZendeskWebhookConsumer;

/**
 * {@code from("zendesk:tickets?realtime=true&externalUrl=...")}: each change of the resource in real time, and
 * every change, once per version, whichever path brought it. Two consumers feed the one route:
 * <ul>
 * <li>a {@link ZendeskWebhookConsumer} of an event-subscribed webhook ({@link RealtimeEventTypes}), registered in
 * the background (the route starts at once; the health check is DOWN until it is registered, and a failed
 * registration is tried again, the wait doubling up to 5 minutes);</li>
 * <li>a {@link ZendeskExportConsumer} behind it, the reconciliation: it delivers what no webhook did (lost deliveries,
 * the app down, the circuit breaker open), with its stored position, startTime backfill and catch-up.</li>
 * </ul>
 * The {@link DeliveryLedger}, stored beside the export position (so shared across nodes with
 * {@code JdbcStateRepository}), decides what reaches the route ({@link RealtimeDelivery}). On several nodes every
 * node serves webhooks, and with {@code reconcileNamespace} only the leader of that namespace in Camel's cluster
 * service runs the export ({@link ReconcileLeadership}); without it every node runs one, which is correct (the
 * position and the ledger are compare-and-set) but spends the export budget once per node.
 */
public class ZendeskRealtimeConsumer extends DefaultConsumer {

    static final long REGISTRATION_RETRY_CEILING_MILLIS = 300_000;
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskRealtimeConsumer.class);

    private final ZendeskEndpoint endpoint;
    private final ZendeskConfiguration config;
    private final ZendeskEndpoint webhookEndpoint;
    private final RealtimeCounters counters = new RealtimeCounters();
    private final RealtimeDelivery delivery;
    private final ZendeskExportConsumer export;
    private StateRepositories.Opened ledgerState;
    private ZendeskRealtimeHealthCheck healthCheck;
    private ScheduledExecutorService registration;
    private ReconcileLeadership leadership;
    private volatile ZendeskWebhookConsumer webhook;
    private final Object webhookLock = new Object();
    private volatile boolean webhookServing;
    private volatile String webhookProblem;
    private long registrationRetryMillis;

    public ZendeskRealtimeConsumer(ZendeskEndpoint endpoint, ZendeskEndpoint webhookEndpoint,
                                   Function<Processor, ZendeskExportConsumer> exportConsumer,
                                   Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.webhookEndpoint = webhookEndpoint;
        this.delivery = new RealtimeDelivery(this, endpoint.getZendeskResource().api(), counters,
                config.getDeliveryLease(), config.getInclude(), config.isCustomFieldsByName());
        this.export = exportConsumer.apply(delivery::onRecord);
    }

    /** The webhook's platform-http endpoint is resolved now, while the route is initialised (as a webhook route's). */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        export.setRouteId(getRouteId());
        webhook = newWebhookConsumer();
        ServiceHelper.initService(webhook);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        export.setRouteId(getRouteId());
        ServiceHelper.startService(webhookEndpoint);
        ledgerState = StateRepositories.of(config);
        // started here too when shared (a JdbcStateRepository creates its table): this node may never run the export
        ServiceHelper.startService(ledgerState.repository());
        String ledgerKey = export.positionKey() + "/delivered";
        delivery.start(new DeliveryLedger(ledgerState.repository(), ledgerKey, config.getDeliveryLease(),
                System::currentTimeMillis), endpoint.account().api()
                .withTicketFieldsMaxAge(java.time.Duration.ofMillis(config.getTicketFieldsCacheTtl())));
        if (config.getReconcileNamespace() == null) {
            ServiceHelper.startService(export);
        } else {
            leadership = ReconcileLeadership.follow(getEndpoint().getCamelContext(), config.getReconcileNamespace(),
                    this::reconcile);
        }
        healthCheck = new ZendeskRealtimeHealthCheck(this);
        healthCheck.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null) {
            healthCheck.setCamelContext(getEndpoint().getCamelContext());
            registry.register(healthCheck);
        }
        registrationRetryMillis = 1_000;
        webhookProblem = "registering";
        registration = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "ZendeskRealtimeWebhook");
        registration.execute(this::startWebhook);
        LOG.info("Zendesk realtime {} on route {}: webhook on {} (registering in the background), the export behind"
                 + " it under {}{}", endpoint.getResource(), getRouteId(), config.getPath(), ledgerKey,
                config.getReconcileNamespace() == null ? ""
                        : " while this node leads " + config.getReconcileNamespace());
    }

    /** reconcileNamespace: this node gained (runs the export) or lost (stops it) the lead. */
    private synchronized void reconcile(boolean lead) {
        try {
            if (lead && isRunAllowed()) {
                LOG.info("Zendesk realtime {} on route {}: this node leads {}: it runs the export", endpoint.getResource(),
                        getRouteId(), config.getReconcileNamespace());
                ServiceHelper.startService(export);
            } else {
                ServiceHelper.stopService(export);
            }
        } catch (RuntimeException e) {
            LOG.warn("Zendesk realtime {} on route {}: the export could not be {}: {}", endpoint.getResource(),
                    getRouteId(), lead ? "started" : "stopped", e.getMessage(), e);
        }
    }

    /** Starts the webhook consumer (registers the webhook); on failure tries again later, the wait doubling. */
    private void startWebhook() {
        if (!isRunAllowed()) {
            return;
        }
        ZendeskWebhookConsumer consumer = webhook != null ? webhook : newWebhookConsumer();
        try {
            ServiceHelper.startService(consumer);
            synchronized (webhookLock) {
                if (!isRunAllowed()) {
                    // the consumer stopped while this registration ran: what it registered goes with it
                    ServiceHelper.stopAndShutdownService(consumer);
                    return;
                }
                webhook = consumer;
                webhookServing = true;
                webhookProblem = null;
            }
            LOG.info("Zendesk realtime {} on route {}: the webhook is registered and served on {}",
                    endpoint.getResource(), getRouteId(), config.getPath());
        } catch (Exception e) {
            ServiceHelper.stopAndShutdownService(consumer);
            webhook = null;
            String problem = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            if (!problem.equals(webhookProblem)) {
                LOG.warn("Zendesk realtime {} on route {}: the webhook could not be registered ({}); the export"
                         + " delivers every change meanwhile; next attempt in {} s", endpoint.getResource(),
                        getRouteId(), problem, registrationRetryMillis / 1000);
            }
            webhookProblem = problem;
            ScheduledExecutorService r = registration;
            if (r != null && isRunAllowed()) {
                r.schedule(this::startWebhook, registrationRetryMillis, TimeUnit.MILLISECONDS);
                registrationRetryMillis = Math.min(registrationRetryMillis * 2, REGISTRATION_RETRY_CEILING_MILLIS);
            }
        }
    }

    private ZendeskWebhookConsumer newWebhookConsumer() {
        ZendeskWebhookConsumer consumer = new ZendeskWebhookConsumer(webhookEndpoint, delivery::onEvent);
        consumer.setRouteId(getRouteId());
        return consumer;
    }

    @Override
    protected void doStop() throws Exception {
        if (registration != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(registration);
            // a registration under way ends (and undoes itself) before the webhook consumer is stopped here
            registration.awaitTermination(config.getRequestTimeout(), TimeUnit.MILLISECONDS);
            registration = null;
        }
        synchronized (webhookLock) {
            webhookServing = false;
            ServiceHelper.stopAndShutdownService(webhook);
            webhook = null;
        }
        if (leadership != null) {
            leadership.close();
            leadership = null;
        }
        ServiceHelper.stopService(export);
        // the inputs are closed: the deliveries under way finish and commit before the ledger's store closes
        if (!delivery.awaitIdle(config.getDeliveryLease())) {
            LOG.warn("Zendesk realtime {} on route {}: deliveries still running after {} ms; their claims run out"
                     + " after deliveryLease", endpoint.getResource(), getRouteId(), config.getDeliveryLease());
        }
        if (ledgerState != null && ledgerState.owned()) {
            ServiceHelper.stopService(ledgerState.repository());
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null && healthCheck != null) {
            registry.unregister(healthCheck);
        }
        ServiceHelper.stopService(webhookEndpoint);
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        ServiceHelper.suspendService(export);
        ServiceHelper.suspendService(webhook);
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        ServiceHelper.resumeService(export);
        ServiceHelper.resumeService(webhook);
        super.doResume();
    }

    /** Where the export (the reconciliation) stands, when it knows. */
    Optional<Instant> exportedUpTo() {
        return Optional.ofNullable(export.progress().positionTime());
    }

    /** The reconciliation: the export consumer behind the webhook. */
    public ZendeskExportConsumer export() {
        return export;
    }

    /** What reached the route by each path. */
    public RealtimeCounters counters() {
        return counters;
    }

    /** Whether the webhook is registered and served. */
    public boolean webhookServing() {
        return webhookServing;
    }

    /** Why the webhook is not served (yet), or null when it is. */
    public String webhookProblem() {
        return webhookProblem;
    }

    /** The webhook consumer while it serves, else null. */
    public ZendeskWebhookConsumer webhook() {
        return webhookServing ? webhook : null;
    }

    /** The delivery ledger's size (entries), or -1 before the consumer started. */
    public int ledgerSize() {
        DeliveryLedger l = delivery.ledger();
        return l == null ? -1 : l.size();
    }

    public String path() {
        return config.getPath();
    }
}
