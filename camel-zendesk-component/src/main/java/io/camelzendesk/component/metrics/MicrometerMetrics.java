package io.camelzendesk.component.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;

import io.camelzendesk.client.ZendeskClientMetrics;
import io.camelzendesk.component.account.ZendeskAccount;
import io.camelzendesk.component.export.ExportProgress;
import io.camelzendesk.component.export.ZendeskExportConsumer;
import io.camelzendesk.component.realtime.RealtimeCounters;
import io.camelzendesk.component.realtime.ZendeskRealtimeConsumer;
import io.camelzendesk.component.webhook.WebhookCounters;
import io.camelzendesk.component.webhook.ZendeskWebhookConsumer;

/** {@link ZendeskMetrics} in a Micrometer registry; loaded only when micrometer-core is on the classpath. */
final class MicrometerMetrics implements ZendeskMetrics {

    static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    /** The name camel-micrometer binds its registry under. */
    static final String CAMEL_MICROMETER_REGISTRY = "metricsRegistry";

    private final MeterRegistry registry;
    // owner (account id, route id) -> its meters
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    static ZendeskMetrics bind(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(CAMEL_MICROMETER_REGISTRY,
                MeterRegistry.class);
        if (registry == null) {
            Set<MeterRegistry> all = context.getRegistry().findByType(MeterRegistry.class);
            // with several registries (Spring Boot exporting to more than one place) the composite feeds them all
            registry = all.size() == 1 ? all.iterator().next()
                    : all.stream().filter(CompositeMeterRegistry.class::isInstance).findFirst().orElse(null);
        }
        return registry == null ? NONE : new MicrometerMetrics(registry);
    }

    @Override
    public void accountOpened(ZendeskAccount account) {
        // a meter registered again with the same name and tags would keep reading its first source
        remove("account:" + account.id());
        ZendeskClientMetrics m = account.client().metrics();
        Tags tags = Tags.of("account", account.id());
        List<Meter> list = new ArrayList<>();
        list.add(counter("zendesk.requests", "HTTP requests sent to Zendesk, every attempt", tags, m,
                ZendeskClientMetrics::requests));
        list.add(counter("zendesk.retries", "Attempts that retried an earlier one", tags, m,
                ZendeskClientMetrics::retries));
        list.add(counter("zendesk.rate.limited", "429 answers (rate limit reached)", tags, m,
                ZendeskClientMetrics::rateLimited));
        list.add(counter("zendesk.failures", "Requests that failed after their retries", tags, m,
                ZendeskClientMetrics::failures));
        list.add(FunctionCounter.builder("zendesk.wait", m, x -> x.waitedMillis() / 1000.0).tags(tags)
                .baseUnit("seconds").description("Time requests waited for the rate limits, Retry-After and backoff")
                .register(registry));
        io.camelzendesk.api.TicketsApi tickets = account.api().tickets();
        list.add(FunctionCounter.builder("zendesk.coalesced.updates", tickets, t -> t.coalescedCounts()[0])
                .tags(tags).description("Ticket updates given to coalescing endpoints (coalesceUpdates)")
                .register(registry));
        list.add(FunctionCounter.builder("zendesk.coalesced.requests", tickets, t -> t.coalescedCounts()[1])
                .tags(tags).description("Requests that carried the coalesced ticket updates").register(registry));
        meters.put("account:" + account.id(), list);
    }

    @Override
    public void accountClosed(ZendeskAccount account) {
        remove("account:" + account.id());
    }

    @Override
    public void consumerStarted(String routeId, Consumer consumer) {
        remove("route:" + routeId);
        List<Meter> list = new ArrayList<>();
        if (consumer instanceof ZendeskExportConsumer export) {
            exportMeters(list, routeId, export);
        } else if (consumer instanceof ZendeskRealtimeConsumer realtime) {
            // the export behind the webhook: its records, pages and lag (the reconciliation lag)
            exportMeters(list, routeId, realtime.export());
            RealtimeCounters c = realtime.counters();
            String d = "Changes of a realtime consumer by path and outcome";
            list.add(counter("zendesk.realtime.changes", d, Tags.of("route", routeId, "outcome", "delivered", "path",
                    "webhook"), c, RealtimeCounters::byWebhook));
            list.add(counter("zendesk.realtime.changes", d, Tags.of("route", routeId, "outcome", "delivered", "path",
                    "export"), c, RealtimeCounters::byExport));
            list.add(counter("zendesk.realtime.changes", d, Tags.of("route", routeId, "outcome", "already_delivered",
                    "path", "any"), c, RealtimeCounters::alreadyDelivered));
            list.add(counter("zendesk.realtime.changes", d, Tags.of("route", routeId, "outcome", "left_to_export",
                    "path", "webhook"), c, RealtimeCounters::leftToExport));
            list.add(counter("zendesk.realtime.changes", d, Tags.of("route", routeId, "outcome", "failed", "path",
                    "any"), c, RealtimeCounters::failed));
        } else if (consumer instanceof ZendeskWebhookConsumer webhook) {
            WebhookCounters c = webhook.counters();
            String d = "Webhook deliveries by outcome";
            list.add(counter("zendesk.webhook.deliveries", d, Tags.of("route", routeId, "outcome", "accepted"), c,
                    WebhookCounters::accepted));
            list.add(counter("zendesk.webhook.deliveries", d, Tags.of("route", routeId, "outcome", "duplicate"), c,
                    WebhookCounters::duplicates));
            list.add(counter("zendesk.webhook.deliveries", d, Tags.of("route", routeId, "outcome", "ignored"), c,
                    WebhookCounters::ignored));
            list.add(counter("zendesk.webhook.deliveries", d, Tags.of("route", routeId, "outcome", "failed"), c,
                    WebhookCounters::failed));
            list.add(counter("zendesk.webhook.deliveries", d, Tags.of("route", routeId, "outcome", "refused"), c,
                    x -> x.refused().values().stream().mapToLong(Long::longValue).sum()));
        }
        meters.put("route:" + routeId, list);
    }

    private void exportMeters(List<Meter> list, String routeId, ZendeskExportConsumer export) {
        ExportProgress p = export.progress();
        Tags tags = Tags.of("route", routeId);
        list.add(counter("zendesk.export.records", "Records the export routed", tags, p, ExportProgress::records));
        list.add(counter("zendesk.export.pages", "Export pages fetched", tags, p, ExportProgress::pages));
        list.add(Gauge.builder("zendesk.export.lag", p, ExportProgress::lagSeconds)
                .tags(tags).baseUnit("seconds")
                .description("How far the export's position is behind")
                .register(registry));
    }

    @Override
    public void consumerStopped(String routeId) {
        remove("route:" + routeId);
    }

    @Override
    public void close() {
        for (String owner : List.copyOf(meters.keySet())) {
            remove(owner);
        }
    }

    private <T> Meter counter(String name, String description, Tags tags, T source, ToDoubleFunction<T> value) {
        return FunctionCounter.builder(name, source, value).tags(tags).description(description).register(registry);
    }

    private void remove(String owner) {
        List<Meter> list = meters.remove(owner);
        if (list != null) {
            list.forEach(registry::remove);
        }
    }
}
