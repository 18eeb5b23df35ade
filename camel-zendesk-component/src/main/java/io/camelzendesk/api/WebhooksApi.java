package io.camelzendesk.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JavaType;

import io.camelzendesk.client.BodyReader;
import io.camelzendesk.client.FieldReader;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.PageReader;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.Webhook;

/**
 * Webhooks and the triggers that connect tickets to them: what registering a webhook consumer needs. Creates are
 * not repeated (a second POST creates a second webhook or trigger), updates are.
 */
public final class WebhooksApi {

    private static final String TRIGGERS = "/api/v2/triggers";
    private static final JavaType WEBHOOK_LIST = ZendeskJson.MAPPER.getTypeFactory()
            .constructCollectionType(List.class, Webhook.class);
    private static final JavaType MAP = ZendeskJson.MAPPER.getTypeFactory()
            .constructMapType(Map.class, String.class, Object.class);

    private final ZendeskClient client;

    WebhooksApi(ZendeskClient client) {
        this.client = client;
    }

    /** The webhook with exactly this name, or null. */
    public CompletableFuture<Webhook> findByName(String name) {
        return client.send(ZendeskRequest.get(ApiResource.WEBHOOKS.path()).query("filter[name_contains]", name)
                .query("page[size]", 100).build(), new FieldReader<List<Webhook>>("webhooks", WEBHOOK_LIST))
                .thenApply(r -> r.body() == null ? null
                        : r.body().stream().filter(w -> name.equals(w.getName())).findFirst().orElse(null));
    }

    public CompletableFuture<ZendeskResponse<Webhook>> create(Map<String, Object> webhook) {
        return client.send(ZendeskRequest.post(ApiResource.WEBHOOKS.path())
                .json(ZendeskBodies.envelope("webhook", webhook)).repeatable(false).build(),
                new FieldReader<>("webhook", Webhook.class));
    }

    public CompletableFuture<ZendeskResponse<Void>> update(String webhookId, Map<String, Object> webhook) {
        return client.send(ZendeskRequest.put(path(webhookId)).json(ZendeskBodies.envelope("webhook", webhook))
                .repeatable(true).build(), BodyReader.DISCARD);
    }

    public CompletableFuture<ZendeskResponse<Void>> delete(String webhookId) {
        return client.send(ZendeskRequest.delete(path(webhookId)).build(), BodyReader.DISCARD);
    }

    /** The secret Zendesk signs the webhook's deliveries with (null when it sent none). */
    public CompletableFuture<String> signingSecret(String webhookId) {
        return client.send(ZendeskRequest.get(path(webhookId) + "/signing_secret").build(),
                new FieldReader<Map<String, Object>>("signing_secret", MAP)).thenApply(r -> {
                    Object value = r.body() == null ? null : r.body().get("secret");
                    return value == null ? null : value.toString();
                });
    }

    /** The trigger with exactly this title, or null (reading every page of triggers if need be). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public CompletableFuture<Map<String, Object>> findTrigger(String title) {
        return client.list(ZendeskRequest.get(TRIGGERS).query("page[size]", 100).build(),
                new PageReader<>("triggers", Map.class, false), 0).thenApply((PageIterator<Map> pages) -> {
                    while (pages.hasNext()) {
                        Map<String, Object> t = pages.next();
                        if (title.equals(t.get("title"))) {
                            return t;
                        }
                    }
                    return null;
                });
    }

    public CompletableFuture<ZendeskResponse<Map<String, Object>>> createTrigger(Map<String, Object> trigger) {
        return client.send(ZendeskRequest.post(TRIGGERS).json(ZendeskBodies.envelope("trigger", trigger))
                .repeatable(false).build(), new FieldReader<Map<String, Object>>("trigger", MAP));
    }

    public CompletableFuture<ZendeskResponse<Void>> updateTrigger(long triggerId, Map<String, Object> trigger) {
        return client.send(ZendeskRequest.put(TRIGGERS + "/" + triggerId)
                .json(ZendeskBodies.envelope("trigger", trigger)).repeatable(true).build(), BodyReader.DISCARD);
    }

    public CompletableFuture<ZendeskResponse<Void>> deleteTrigger(long triggerId) {
        return client.send(ZendeskRequest.delete(TRIGGERS + "/" + triggerId).build(), BodyReader.DISCARD);
    }

    private static String path(String webhookId) {
        return ApiResource.WEBHOOKS.path(ZendeskClient.encode(webhookId));
    }
}
