package io.camelzendesk.component.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

import io.camelzendesk.client.ZendeskClientConfig;
import io.camelzendesk.client.ZendeskClientMetrics;
import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.account.ZendeskAccount;
import io.camelzendesk.component.export.ExportProgress;
import io.camelzendesk.component.export.ZendeskExportConsumer;
import io.camelzendesk.component.realtime.RealtimeCounters;
import io.camelzendesk.component.realtime.ZendeskRealtimeConsumer;
import io.camelzendesk.component.webhook.WebhookCounters;
import io.camelzendesk.component.webhook.ZendeskWebhookConsumer;

/**
 * The {@code zendesk} dev console: the accounts in use (budgets and request counters), the export consumers
 * (position, lag, records) and the webhook consumers (what they did with the deliveries). Endpoint URIs are shown
 * as the endpoints report them, secrets masked; no credential is read.
 */
@DevConsole(name = "zendesk", displayName = "Zendesk", description = "Zendesk accounts, export and webhook consumers")
public class ZendeskDevConsole extends AbstractDevConsole {

    public ZendeskDevConsole() {
        super("camel", "zendesk", "Zendesk", "Zendesk accounts, export and webhook consumers");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> json = doCallJson(options);
        for (Object o : list(json, "accounts")) {
            JsonObject a = (JsonObject) o;
            sb.append("Account: ").append(a.get("id")).append("\n");
            sb.append("    Name: ").append(a.get("name")).append(", credentials: ").append(a.get("credentials"));
            if (a.containsKey("tokenRefreshes")) {
                sb.append(", token refreshes: ").append(a.get("tokenRefreshes"));
            }
            sb.append("\n");
            if (a.containsKey("reconnect")) {
                sb.append("    Reconnect: ").append(a.get("reconnect")).append("\n");
            }
            sb.append("    Base URL: ").append(a.get("baseUrl")).append("\n");
            sb.append("    Budget: ").append(budget(a.get("requestsPerMinute"))).append(" requests/min, export ")
                    .append(budget(a.get("exportRequestsPerMinute"))).append(" requests/min\n");
            sb.append("    Requests: ").append(a.get("requests")).append(" (retries ").append(a.get("retries"))
                    .append(", 429s ").append(a.get("rateLimited")).append(", failed ").append(a.get("failures"))
                    .append(", waited ").append(a.get("waitedMillis")).append(" ms)\n");
            if (a.get("budgets") instanceof Map<?, ?> budgets && budgets.get("endpoints") instanceof Map<?, ?> eps) {
                eps.forEach((name, v) -> sb.append("    Endpoint budget ").append(name).append(": ").append(v)
                        .append("\n"));
            }
            if (a.get("coalescedUpdates") instanceof Number n && n.longValue() > 0) {
                sb.append("    Coalesced ticket updates: ").append(n).append(" in ").append(a.get("coalescedRequests"))
                        .append(" requests\n");
            }
            for (Object uri : list(a, "endpoints")) {
                sb.append("    Endpoint: ").append(uri).append("\n");
            }
        }
        for (Object o : list(json, "realtime")) {
            JsonObject r = (JsonObject) o;
            sb.append("Realtime: route ").append(r.get("routeId")).append(", ").append(r.get("resource"))
                    .append(", path ").append(r.get("path")).append(", webhook ").append(r.get("webhook")).append("\n");
            sb.append("    Delivered: ").append(r.get("deliveredByWebhook")).append(" by webhook, ")
                    .append(r.get("deliveredByExport")).append(" by the export, ").append(r.get("alreadyDelivered"))
                    .append(" already delivered, ").append(r.get("leftToExport")).append(" left to the export, ")
                    .append(r.get("failed")).append(" failed; ledger ").append(r.get("ledgerEntries"))
                    .append(" entries\n");
        }
        for (Object o : list(json, "exports")) {
            JsonObject e = (JsonObject) o;
            sb.append("Export: route ").append(e.get("routeId")).append(", ").append(e.get("resource")).append("\n");
            sb.append("    State key: ").append(e.get("stateKey")).append("\n");
            sb.append("    Position: ").append(e.getOrDefault("position", "-"));
            if (e.containsKey("lagSeconds")) {
                sb.append(" (").append(e.get("lagSeconds")).append(" s behind)");
            }
            sb.append("\n");
            sb.append("    Records: ").append(e.get("records")).append(" in ").append(e.get("pages"))
                    .append(" pages, ").append(e.get("duplicates")).append(" duplicates dropped, ").append(e.get("rate"))
                    .append(" records/s\n");
            sb.append("    Last poll: ").append(e.getOrDefault("lastPoll", "-")).append(", last success: ")
                    .append(e.getOrDefault("lastSuccess", "-")).append("\n");
            if (e.containsKey("lastError")) {
                sb.append("    Last error: ").append(e.get("lastError")).append("\n");
            }
        }
        for (Object o : list(json, "webhooks")) {
            JsonObject w = (JsonObject) o;
            sb.append("Webhook: route ").append(w.get("routeId")).append(", path ").append(w.get("path")).append("\n");
            sb.append("    Deliveries: ").append(w.get("accepted")).append(" accepted, ").append(w.get("duplicates"))
                    .append(" duplicates, ").append(w.get("ignored")).append(" ignored, ").append(w.get("failed"))
                    .append(" failed in the route\n");
            ((JsonObject) w.get("refused")).forEach((reason, n) -> sb.append("    Refused: ").append(n).append(" ")
                    .append(reason).append("\n"));
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        CamelContext context = getCamelContext();
        JsonObject root = new JsonObject();
        List<JsonObject> accounts = new ArrayList<>();
        for (String name : context.getComponentNames()) {
            if (context.hasComponent(name) instanceof ZendeskComponent component) {
                for (ZendeskAccount account : component.getAccounts().list()) {
                    accounts.add(account(context, account));
                }
            }
        }
        root.put("accounts", accounts);
        List<JsonObject> exports = new ArrayList<>();
        List<JsonObject> webhooks = new ArrayList<>();
        List<JsonObject> realtime = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof ZendeskExportConsumer export) {
                exports.add(export(route, export));
            } else if (route.getConsumer() instanceof ZendeskWebhookConsumer webhook) {
                webhooks.add(webhook(route, webhook));
            } else if (route.getConsumer() instanceof ZendeskRealtimeConsumer rt) {
                realtime.add(realtime(route, rt));
                exports.add(export(route, rt.export()));
                if (rt.webhook() != null) {
                    webhooks.add(webhook(route, rt.webhook()));
                }
            }
        }
        root.put("realtime", realtime);
        root.put("exports", exports);
        root.put("webhooks", webhooks);
        return root;
    }

    private static JsonObject account(CamelContext context, ZendeskAccount account) {
        JsonObject jo = new JsonObject();
        ZendeskClientConfig config = account.client().config();
        ZendeskClientMetrics m = account.client().metrics();
        jo.put("id", account.id());
        jo.put("name", account.settings().name());
        jo.put("baseUrl", config.baseUrl().toString());
        // the kind of credentials, never a value; for a stored grant its refreshes and whether it must be reconnected
        jo.put("credentials", config.auth().kind());
        account.settings().storedGrant().ifPresent(g -> {
            jo.put("tokenRefreshes", g.refreshes());
            if (g.unusableReason() != null) {
                jo.put("reconnect", g.unusableReason());
            }
        });
        List<String> endpoints = new ArrayList<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof ZendeskEndpoint ze && ze.currentAccount() == account) {
                endpoints.add(ze.getEndpointUri());
            }
        }
        jo.put("endpoints", endpoints);
        jo.put("requestsPerMinute", config.requestsPerMinute());
        jo.put("exportRequestsPerMinute", config.incrementalRequestsPerMinute());
        jo.put("requests", m.requests());
        jo.put("retries", m.retries());
        jo.put("rateLimited", m.rateLimited());
        jo.put("failures", m.failures());
        jo.put("waitedMillis", m.waitedMillis());
        // what Zendesk last reported of each budget, and the pauses in force (429s, budgets used up)
        jo.put("budgets", new JsonObject(account.client().limits().snapshot(System.nanoTime())));
        long[] coalesced = account.api().tickets().coalescedCounts();
        jo.put("coalescedUpdates", coalesced[0]);
        jo.put("coalescedRequests", coalesced[1]);
        return jo;
    }

    private static JsonObject export(Route route, ZendeskExportConsumer consumer) {
        ExportProgress p = consumer.progress();
        JsonObject jo = new JsonObject();
        jo.put("routeId", route.getRouteId());
        jo.put("resource", ((ZendeskEndpoint) consumer.getEndpoint()).getResource());
        jo.put("stateKey", consumer.stateKey());
        if (p.positionTime() != null) {
            jo.put("position", p.positionTime().toString());
            jo.put("lagSeconds", p.lagSeconds());
        }
        jo.put("rate", Math.round(p.rate() * 10) / 10.0);
        jo.put("records", p.records());
        jo.put("pages", p.pages());
        jo.put("duplicates", p.duplicates());
        if (p.lastPoll() != null) {
            jo.put("lastPoll", p.lastPoll().toString());
        }
        if (p.lastSuccess() != null) {
            jo.put("lastSuccess", p.lastSuccess().toString());
        }
        if (p.lastError() != null) {
            jo.put("lastError", p.lastError());
        }
        return jo;
    }

    private static JsonObject realtime(Route route, ZendeskRealtimeConsumer consumer) {
        RealtimeCounters c = consumer.counters();
        JsonObject jo = new JsonObject();
        jo.put("routeId", route.getRouteId());
        jo.put("resource", ((ZendeskEndpoint) consumer.getEndpoint()).getResource());
        jo.put("path", consumer.path());
        jo.put("webhook", consumer.webhookServing() ? "serving" : "not served: " + consumer.webhookProblem());
        jo.put("deliveredByWebhook", c.byWebhook());
        jo.put("deliveredByExport", c.byExport());
        jo.put("alreadyDelivered", c.alreadyDelivered());
        jo.put("leftToExport", c.leftToExport());
        jo.put("failed", c.failed());
        if (c.lastWebhookDelivery() != null) {
            jo.put("lastWebhookDelivery", c.lastWebhookDelivery().toString());
        }
        jo.put("ledgerEntries", consumer.ledgerSize());
        return jo;
    }

    private static JsonObject webhook(Route route, ZendeskWebhookConsumer consumer) {
        WebhookCounters c = consumer.counters();
        JsonObject jo = new JsonObject();
        jo.put("routeId", route.getRouteId());
        jo.put("path", consumer.path());
        jo.put("accepted", c.accepted());
        jo.put("duplicates", c.duplicates());
        jo.put("ignored", c.ignored());
        jo.put("failed", c.failed());
        JsonObject refused = new JsonObject();
        refused.putAll(c.refused());
        jo.put("refused", refused);
        return jo;
    }

    private static List<?> list(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v instanceof List<?> l ? l : List.of();
    }

    private static String budget(Object perMinute) {
        return Integer.valueOf(0).equals(perMinute) ? "no cap" : String.valueOf(perMinute);
    }
}
