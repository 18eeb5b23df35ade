package io.camelzendesk.component.export;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of an incremental export consumer: the last successful poll, how far the position is behind now, and
 * the last error. DOWN while the last poll (or the route) failed, including while a failing export backs off.
 */
public class ZendeskExportHealthCheck extends AbstractHealthCheck {

    private final ZendeskExportConsumer consumer;

    public ZendeskExportHealthCheck(ZendeskExportConsumer consumer) {
        super("camel", "zendesk-export-" + consumer.getRouteId());
        this.consumer = consumer;
        setEnabled(true);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ExportProgress p = consumer.progress();
        builder.detail("resource", consumer.resource().uriName());
        builder.detail("stateKey", consumer.stateKey());
        builder.detail("records", p.records);
        builder.detail("pages", p.pages);
        builder.detail("duplicatesSuppressed", p.duplicates);
        if (p.lastPoll != null) {
            builder.detail("lastPoll", p.lastPoll.toString());
        }
        if (p.lastSuccess != null) {
            builder.detail("lastSuccessfulPoll", p.lastSuccess.toString());
        }
        if (p.positionTime > 0) {
            builder.detail("position", Instant.ofEpochSecond(p.positionTime).toString());
            builder.detail("lagSeconds", Instant.now().getEpochSecond() - p.positionTime);
        }
        if (p.lastError != null) {
            builder.detail("lastError", String.valueOf(p.lastError.getMessage()));
        }
        if (consumer.consecutiveFailures() > 0) {
            builder.detail("consecutiveFailures", consumer.consecutiveFailures());
        }
        if (p.lastPollFailed) {
            builder.message("The last poll failed: " + p.lastError.getMessage()).error(p.lastError).down();
        } else {
            builder.up();
        }
    }
}
