package io.camelzendesk.component.realtime;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.URISupport;

import io.camelzendesk.component.export.ExportProgress;

/**
 * Readiness of a realtime consumer: DOWN until its webhook is registered and served (the export delivers every
 * change meanwhile, later); the details say what each path delivered and how far behind the reconciliation is.
 */
public class ZendeskRealtimeHealthCheck extends AbstractHealthCheck {

    private final ZendeskRealtimeConsumer consumer;
    private final String uri;

    public ZendeskRealtimeHealthCheck(ZendeskRealtimeConsumer consumer) {
        super("camel", "zendesk-realtime-" + consumer.getRouteId());
        this.consumer = consumer;
        this.uri = URISupport.sanitizeUri(consumer.getEndpoint().getEndpointUri());
        setEnabled(true);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail(HealthCheck.ENDPOINT_URI, uri);
        builder.detail("webhookPath", consumer.path());
        RealtimeCounters c = consumer.counters();
        builder.detail("deliveredByWebhook", c.byWebhook());
        builder.detail("deliveredByExport", c.byExport());
        builder.detail("alreadyDelivered", c.alreadyDelivered());
        Instant last = c.lastWebhookDelivery();
        if (last != null) {
            builder.detail("lastWebhookDelivery", last.toString());
        }
        ExportProgress p = consumer.export().progress();
        if (p.positionTime() != null) {
            builder.detail("reconciliationPosition", p.positionTime().toString());
            builder.detail("reconciliationLagSeconds", p.lagSeconds());
        }
        String problem = consumer.webhookProblem();
        if (consumer.webhookServing()) {
            builder.up();
        } else {
            builder.message("The Zendesk webhook is not served yet: " + problem
                            + "; the export delivers every change meanwhile");
            builder.down();
        }
    }
}
