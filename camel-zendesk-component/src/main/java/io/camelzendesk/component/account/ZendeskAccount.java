package io.camelzendesk.component.account;

import io.camelzendesk.api.ZendeskApi;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.component.health.ZendeskHealthCheck;

/**
 * One Zendesk account as the endpoints of a CamelContext use it: its client (connection pool, rate limiter and
 * retries), its API (with the account's one ticket-field cache) and its health check. Shared by every endpoint with the same
 * {@link AccountSettings}, created by {@link ZendeskAccounts} for the first of them and closed after the last.
 */
public final class ZendeskAccount {

    private final AccountSettings settings;
    private final ZendeskClient client;
    private final ZendeskHealthCheck healthCheck;
    private final ZendeskApi api;
    private int users;

    ZendeskAccount(AccountSettings settings) {
        this.settings = settings;
        this.client = new ZendeskClient(settings.clientConfig());
        this.healthCheck = new ZendeskHealthCheck(client, settings.id());
        this.api = new ZendeskApi(client);
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

    /**
     * The account's API. Its ticket-field cache is the account's: each endpoint reads it through a view with its own
     * TTL ({@link ZendeskApi#withTicketFieldsMaxAge}).
     */
    public ZendeskApi api() {
        return api;
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
