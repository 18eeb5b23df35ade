package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** A webhook registered in Zendesk (the Webhooks API). Unknown fields are kept; only set fields are sent. */
public class Webhook extends ZendeskObject {

    public String getName() {
        return getString("name");
    }

    public Webhook setName(String name) {
        set("name", name);
        return this;
    }

    public String getEndpoint() {
        return getString("endpoint");
    }

    public Webhook setEndpoint(String endpoint) {
        set("endpoint", endpoint);
        return this;
    }

    public String getStatus() {
        return getString("status");
    }

    public Webhook setStatus(String status) {
        set("status", status);
        return this;
    }

    public List<String> getSubscriptions() {
        return getStrings("subscriptions");
    }

    public Webhook setSubscriptions(List<String> subscriptions) {
        set("subscriptions", subscriptions == null ? null : new ArrayList<>(subscriptions));
        return this;
    }

    /** Webhook ids are strings in Zendesk (e.g. 01GBJRMX...), not numbers. */
    public String getWebhookId() {
        return getString("id");
    }
}
