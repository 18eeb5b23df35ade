package io.camelzendesk.component.account;

import java.time.Duration;

import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.component.CustomFieldResolver;
import io.camelzendesk.component.health.ZendeskHealthCheck;

/**
 * One Zendesk account as the endpoints of a CamelContext use it: its client (connection pool, rate limiter and
 * retries), its ticket-field cache and its health check. Shared by every endpoint with the same
 * {@link AccountSettings}, created by {@link ZendeskAccounts} for the first of them and closed after the last.
 */
public final class ZendeskAccount {

    private final AccountSettings settings;
    private final ZendeskClient client;
    private final ZendeskHealthCheck healthCheck;
    private CustomFieldResolver customFields;
    private int users;

    ZendeskAccount(AccountSettings settings) {
        this.settings = settings;
        this.client = new ZendeskClient(settings.clientConfig());
        this.healthCheck = new ZendeskHealthCheck(client, settings.id());
    }

    /** The account's name in health checks and consoles: {@link AccountSettings#id()}. */
    public String id() {
        return settings.id();
    }

    public AccountSettings settings() {
        return settings;
    }

    public ZendeskClient client() {
        return client;
    }

    public ZendeskHealthCheck healthCheck() {
        return healthCheck;
    }

    /** The account's custom-field resolver and its ticket-field cache, created on first use. */
    public synchronized CustomFieldResolver customFields(Duration ttl) {
        if (customFields == null) {
            customFields = new CustomFieldResolver(client, ttl);
        }
        return customFields;
    }

    /** The endpoints (producers and consumers) that hold the account. */
    public synchronized int users() {
        return users;
    }

    synchronized void acquired() {
        users++;
    }

    /** True when this was the last user. */
    synchronized boolean released() {
        return --users <= 0;
    }

    boolean isClosed() {
        return client.isClosed();
    }

    void close() {
        client.close();
    }

    @Override
    public String toString() {
        return id();
    }
}
