package io.camelzendesk.component.export;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.URISupport;

/**
 * What Camel's consumer health check ({@code consumer:<route>}: failed polls, last error, readiness) does not say
 * about an incremental export: where its position stands and how far behind it was at the last completed poll.
 * Always UP: a failing export is DOWN in Camel's check.
 */
public class ZendeskExportHealthCheck extends AbstractHealthCheck {

    private final ZendeskExportConsumer consumer;
    private final String uri;

    public ZendeskExportHealthCheck(ZendeskExportConsumer consumer) {
        super("camel", "zendesk-export-" + consumer.getRouteId());
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
        ExportProgress p = consumer.progress();
        builder.detail(HealthCheck.ENDPOINT_URI, uri);
        builder.detail("resource", consumer.resource().uriName());
        builder.detail("stateKey", consumer.stateKey());
        Instant position = p.positionTime();
        if (position != null) {
            builder.detail("position", position.toString());
            builder.detail("lagSeconds", p.lagSeconds());
        }
        builder.up();
    }
}
