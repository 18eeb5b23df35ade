package io.camelzendesk.component.metrics;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;

import io.camelzendesk.component.account.ZendeskAccount;

/**
 * The component's meters ({@code zendesk.*}) in a Micrometer {@code MeterRegistry}, when the application has one:
 * per account the request counters, per export route its records and lag, per webhook route its deliveries. Without
 * micrometer-core on the classpath (an optional dependency) or without a registry, {@link #NONE}: no Micrometer class
 * is ever loaded.
 */
public interface ZendeskMetrics {

    /** Registers nothing. */
    ZendeskMetrics NONE = new ZendeskMetrics() {
    };

    /** An account was opened: its meters appear. */
    default void accountOpened(ZendeskAccount account) {
    }

    /** An account was closed: its meters go. */
    default void accountClosed(ZendeskAccount account) {
    }

    /** A route with a Zendesk consumer started: its meters appear. */
    default void consumerStarted(String routeId, Consumer consumer) {
    }

    /** A route with a Zendesk consumer stopped: its meters go. */
    default void consumerStopped(String routeId) {
    }

    /** Removes every meter registered. */
    default void close() {
    }

    /**
     * The meters in the context's Micrometer registry: the one camel-micrometer binds ({@code metricsRegistry}),
     * else the only {@code MeterRegistry} in the registry (Spring Boot, Quarkus); {@link #NONE} when there is none or
     * when micrometer-core is not on the classpath.
     */
    static ZendeskMetrics of(CamelContext context) {
        try {
            Class.forName(MicrometerMetrics.METER_REGISTRY, false, ZendeskMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return MicrometerMetrics.bind(context);
    }
}
