package io.camelzendesk.component.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.type.TypeReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.api.WebhooksApi;
import io.camelzendesk.api.ZendeskApi;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.client.ZendeskNotFoundException;
import io.camelzendesk.model.Webhook;
import io.camelzendesk.model.WebhookEvent;

/**
 * Registers the webhook consumer with Zendesk (autoRegister): finds the webhook by name or creates it
 * (event-subscribed for the event types, or trigger-connected with a trigger built from simple conditions), reads
 * its signing secret, and on {@link #unregister()} deletes what this registration created. Finding by name (and the
 * trigger by title) first is what keeps restarts from piling up duplicates.
 */
public final class WebhookRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistrar.class);
    static final String TRIGGER_SUBSCRIPTION = "conditional_ticket_events";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** The default body of a trigger-connected delivery: the ticket's main fields. */
    public static final String DEFAULT_TRIGGER_PAYLOAD = "{\"ticket\": {\"id\": \"{{ticket.id}}\","
                                                  + " \"status\": \"{{ticket.status}}\","
                                                  + " \"priority\": \"{{ticket.priority}}\","
                                                  + " \"subject\": \"{{ticket.title}}\","
                                                  + " \"tags\": \"{{ticket.tags}}\","
                                                  + " \"requester_id\": \"{{ticket.requester.id}}\","
                                                  + " \"organization_id\": \"{{ticket.organization.id}}\","
                                                  + " \"updated_at\": \"{{ticket.updated_at_with_timestamp}}\"}}";

    private final WebhooksApi webhooks;
    private final String name;
    private final String externalUrl;
    private final String httpMethod;
    private final List<String> eventTypes;
    private final Map<String, Object> triggerConditions;
    private final String triggerPayload;

    private Webhook webhook;
    private boolean createdWebhook;
    private Long triggerId;
    private boolean createdTrigger;

    WebhookRegistrar(ZendeskClient client, String name, String externalUrl, String httpMethod, List<String> eventTypes,
                     String triggerConditions, String triggerPayload) {
        this.webhooks = new ZendeskApi(client).webhooks();
        this.name = name;
        this.externalUrl = externalUrl;
        this.httpMethod = httpMethod;
        this.eventTypes = eventTypes;
        this.triggerConditions = triggerConditions == null ? null : parseTriggerConditions(triggerConditions);
        this.triggerPayload = triggerPayload != null ? triggerPayload : DEFAULT_TRIGGER_PAYLOAD;
    }

    /** Finds or creates the webhook (and trigger); returns the webhook's signing secret. */
    String register() {
        List<String> subscriptions = triggerConditions != null ? List.of(TRIGGER_SUBSCRIPTION) : eventTypes;
        webhook = findWebhook();
        if (webhook == null) {
            webhook = createWebhook(subscriptions);
            createdWebhook = true;
            LOG.info("Zendesk webhook '{}' created (id {}) for {} -> {}", name, webhook.getWebhookId(), subscriptions,
                    externalUrl);
        } else {
            checkKind(webhook, subscriptions);
            if (!externalUrl.equals(webhook.getEndpoint())
                    || !Objects.equals(new LinkedHashSet<>(subscriptions), asSet(webhook.getSubscriptions()))) {
                updateWebhook(subscriptions);
                LOG.info("Zendesk webhook '{}' (id {}) reused and updated: {} -> {}", name, webhook.getWebhookId(),
                        subscriptions, externalUrl);
            } else {
                LOG.info("Zendesk webhook '{}' (id {}) reused", name, webhook.getWebhookId());
            }
        }
        if (triggerConditions != null) {
            registerTrigger();
        }
        return signingSecret();
    }

    /** Deletes the trigger and webhook this registration created; leaves anything it only reused. */
    void unregister() {
        if (createdTrigger && triggerId != null) {
            delete(webhooks.deleteTrigger(triggerId), "trigger " + triggerId);
            createdTrigger = false;
        }
        if (createdWebhook && webhook != null) {
            delete(webhooks.delete(webhook.getWebhookId()), "webhook " + webhook.getWebhookId());
            createdWebhook = false;
        }
    }

    String webhookId() {
        return webhook == null ? null : webhook.getWebhookId();
    }

    Long triggerId() {
        return triggerId;
    }

    private Webhook findWebhook() {
        return await(webhooks.findByName(name));
    }

    private Webhook createWebhook(List<String> subscriptions) {
        // a second POST would create a second webhook: not repeated (the next start finds the first by name)
        return await(webhooks.create(webhookFields(subscriptions))).body();
    }

    private void updateWebhook(List<String> subscriptions) {
        Map<String, Object> fields = webhookFields(subscriptions);
        await(webhooks.update(webhook.getWebhookId(), fields));
        fields.forEach(webhook::set);
    }

    private Map<String, Object> webhookFields(List<String> subscriptions) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", name);
        w.put("endpoint", externalUrl);
        w.put("http_method", httpMethod);
        w.put("request_format", "json");
        w.put("status", "active");
        w.put("subscriptions", subscriptions);
        return w;
    }

    /** A webhook is event-subscribed or trigger-connected for life: a reused one must be of the kind asked for. */
    private void checkKind(Webhook existing, List<String> subscriptions) {
        boolean existingIsTrigger = existing.getSubscriptions() != null
                && existing.getSubscriptions().contains(TRIGGER_SUBSCRIPTION);
        boolean wantTrigger = subscriptions.contains(TRIGGER_SUBSCRIPTION);
        if (existingIsTrigger != wantTrigger) {
            throw new IllegalStateException("Zendesk webhook '" + name + "' (id " + existing.getWebhookId() + ") is "
                                            + (existingIsTrigger ? "trigger-connected" : "event-subscribed")
                                            + " but this endpoint asks for a"
                                            + (wantTrigger ? " trigger-connected" : "n event-subscribed")
                                            + " one, and a webhook cannot change kind: delete it or set another"
                                            + " webhookName");
        }
    }

    private void registerTrigger() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", name);
        fields.put("active", true);
        fields.put("conditions", triggerConditions);
        fields.put("actions", List.of(Map.of("field", "notification_webhook",
                "value", List.of(webhook.getWebhookId(), triggerPayload))));
        Map<String, Object> existing = await(webhooks.findTrigger(name));
        if (existing == null) {
            Map<String, Object> created = await(webhooks.createTrigger(fields)).body();
            triggerId = ((Number) created.get("id")).longValue();
            createdTrigger = true;
            LOG.info("Zendesk trigger '{}' created (id {}) for webhook {}", name, triggerId, webhook.getWebhookId());
            return;
        }
        triggerId = ((Number) existing.get("id")).longValue();
        if (!sameTrigger(existing, fields)) {
            await(webhooks.updateTrigger(triggerId, fields));
            LOG.info("Zendesk trigger '{}' (id {}) reused and updated for webhook {}", name, triggerId,
                    webhook.getWebhookId());
        } else {
            LOG.info("Zendesk trigger '{}' (id {}) reused", name, triggerId);
        }
    }

    /** Whether a found trigger already does what we would create (compared as JSON, ignoring the extra fields). */
    @SuppressWarnings("unchecked")
    private static boolean sameTrigger(Map<String, Object> existing, Map<String, Object> wanted) {
        Map<String, Object> normalizedWanted = ZendeskJson.MAPPER.convertValue(wanted, MAP);
        Map<String, Object> conditions = (Map<String, Object>) existing.get("conditions");
        Map<String, Object> wantedConditions = (Map<String, Object>) normalizedWanted.get("conditions");
        boolean sameConditions = conditions != null
                && Objects.equals(listOrEmpty(conditions.get("all")), listOrEmpty(wantedConditions.get("all")))
                && Objects.equals(listOrEmpty(conditions.get("any")), listOrEmpty(wantedConditions.get("any")));
        return sameConditions && Objects.equals(normalizedWanted.get("actions"), existing.get("actions"))
               && Boolean.TRUE.equals(existing.get("active"));
    }

    private static Object listOrEmpty(Object o) {
        return o == null ? List.of() : o;
    }

    private String signingSecret() {
        String value = await(webhooks.signingSecret(webhook.getWebhookId()));
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("Zendesk returned no signing secret for webhook " + webhook.getWebhookId());
        }
        return value;
    }

    private void delete(CompletableFuture<?> deleting, String what) {
        try {
            await(deleting);
            LOG.info("Zendesk {} ('{}') deleted", what, name);
        } catch (ZendeskNotFoundException e) {
            LOG.debug("Zendesk {} was already gone", what);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete Zendesk {} ('{}'): {}; delete it by hand", what, name, e.getMessage());
        }
    }

    /** Waits for a call of the API; its failure is thrown as the {@link io.camelzendesk.client.ZendeskException}. */
    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZendeskException("Zendesk webhook registration interrupted", e);
        } catch (ExecutionException e) {
            throw ZendeskClient.unwrap(e.getCause());
        }
    }

    private static Set<String> asSet(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }

    /** {@code ticket.created} and {@code zen:event-type:ticket.created} both give the full form. */
    public static List<String> eventTypes(String option) {
        List<String> out = new ArrayList<>();
        if (option == null) {
            return out;
        }
        for (String t : option.split(",")) {
            String type = t.trim();
            if (!type.isEmpty()) {
                out.add(type.startsWith(WebhookEvent.TYPE_PREFIX) ? type : WebhookEvent.TYPE_PREFIX + type);
            }
        }
        return out;
    }

    /**
     * Trigger conditions from the option's simple form, all of which must hold: {@code created}, {@code updated},
     * {@code status:solved}, {@code status_changed} / {@code status_changed:solved}, {@code priority:urgent},
     * {@code priority_changed}, {@code tag:vip}, {@code group:123}, {@code form:123}.
     */
    public static Map<String, Object> parseTriggerConditions(String option) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String raw : option.split(",")) {
            String c = raw.trim();
            if (c.isEmpty()) {
                continue;
            }
            int colon = c.indexOf(':');
            String kind = (colon < 0 ? c : c.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? null : c.substring(colon + 1).trim();
            if (value != null && value.isEmpty()) {
                throw badCondition(c);
            }
            switch (kind) {
                case "created" -> all.add(condition("update_type", "is", "Create"));
                case "updated" -> all.add(condition("update_type", "is", "Change"));
                case "status", "priority", "type" -> all.add(condition(kind, "is", require(value, c)));
                case "status_changed", "priority_changed" -> {
                    String field = kind.substring(0, kind.indexOf('_'));
                    all.add(value == null ? condition(field, "changed", null) : condition(field, "value", value));
                }
                case "tag" -> all.add(condition("current_tags", "includes", require(value, c)));
                case "group" -> all.add(condition("group_id", "is", require(value, c)));
                case "form" -> all.add(condition("ticket_form_id", "is", require(value, c)));
                default -> throw badCondition(c);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("Option triggerConditions is empty: give at least one condition such"
                                               + " as status_changed:solved");
        }
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("all", all);
        conditions.put("any", List.of());
        return conditions;
    }

    private static Map<String, Object> condition(String field, String operator, String value) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("field", field);
        c.put("operator", operator);
        if (value != null) {
            c.put("value", value);
        }
        return c;
    }

    private static String require(String value, String condition) {
        if (value == null) {
            throw badCondition(condition);
        }
        return value;
    }

    private static IllegalArgumentException badCondition(String condition) {
        return new IllegalArgumentException("Option triggerConditions: '" + condition + "' is not a condition; use"
                                            + " created, updated, status:<status>, status_changed[:<status>],"
                                            + " priority:<priority>, priority_changed[:<priority>], type:<type>,"
                                            + " tag:<tag>, group:<id>, form:<id>");
    }
}
