package io.camelzendesk.component.metrics;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

import io.camelzendesk.component.export.ZendeskExportConsumer;
import io.camelzendesk.component.realtime.ZendeskRealtimeConsumer;
import io.camelzendesk.component.webhook.ZendeskWebhookConsumer;

/** Follows the routes with a Zendesk consumer: their meters appear when the route starts and go when it stops. */
public final class ConsumerMeters extends SimpleEventNotifierSupport {

    private final ZendeskMetrics metrics;

    public ConsumerMeters(ZendeskMetrics metrics) {
        this.metrics = metrics;
        setIgnoreExchangeEvents(true);
        setIgnoreCamelContextEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    /** The meters of the routes already started. */
    public void routesStarted(CamelContext context) {
        for (Route route : context.getRoutes()) {
            if (ours(route.getConsumer()) && context.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                metrics.consumerStarted(route.getRouteId(), route.getConsumer());
            }
        }
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteStartedEvent e && ours(e.getRoute().getConsumer())) {
            metrics.consumerStarted(e.getRoute().getRouteId(), e.getRoute().getConsumer());
        } else if ((event instanceof CamelEvent.RouteStoppedEvent || event instanceof CamelEvent.RouteRemovedEvent)
                   && ours(((CamelEvent.RouteEvent) event).getRoute().getConsumer())) {
            metrics.consumerStopped(((CamelEvent.RouteEvent) event).getRoute().getRouteId());
        }
    }

    private static boolean ours(Consumer consumer) {
        return consumer instanceof ZendeskExportConsumer || consumer instanceof ZendeskWebhookConsumer
               || consumer instanceof ZendeskRealtimeConsumer;
    }
}
