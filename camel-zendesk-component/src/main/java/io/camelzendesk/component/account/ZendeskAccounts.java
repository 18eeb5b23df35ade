package io.camelzendesk.component.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.component.metrics.ZendeskMetrics;

/**
 * The accounts of a CamelContext's {@code zendesk} component: one {@link ZendeskAccount} per {@link AccountSettings}
 * key, reference-counted by the endpoints that use it. An account's health check is registered while it is in use,
 * enabled as the component's {@code healthCheckProducerEnabled} says.
 */
public final class ZendeskAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskAccounts.class);

    private final CamelContext context;
    private final BooleanSupplier healthChecksEnabled;
    private final Map<String, ZendeskAccount> accounts = new LinkedHashMap<>();
    private ZendeskMetrics metrics = ZendeskMetrics.NONE;
    private final java.util.Set<String> apiTokenWarned = new java.util.HashSet<>();

    /** @param healthChecksEnabled whether an account's health check is enabled, asked when the account is created */
    public ZendeskAccounts(CamelContext context, BooleanSupplier healthChecksEnabled) {
        this.context = context;
        this.healthChecksEnabled = healthChecksEnabled;
    }

    /** The account of these settings, created on first use; each call must be matched by {@link #release}. */
    public synchronized ZendeskAccount acquire(AccountSettings settings) {
        ZendeskAccount account = accounts.get(settings.key());
        if (account == null || account.isClosed()) {
            if (account != null) {
                unregister(account);
            }
            account = new ZendeskAccount(settings);
            HealthCheckRegistry registry = HealthCheckRegistry.get(context);
            if (registry != null) {
                account.healthCheck().setCamelContext(context);
                account.healthCheck().setEnabled(healthChecksEnabled.getAsBoolean());
                registry.register(account.healthCheck());
            }
            accounts.put(settings.key(), account);
            metrics.accountOpened(account);
            warnOfApiToken(account);
        }
        account.acquired();
        return account;
    }

    // Zendesk turns API tokens off on 2027-04-30: said once per account and context
    private void warnOfApiToken(ZendeskAccount account) {
        if (account.client().config().auth().kind().startsWith("API token") && apiTokenWarned.add(account.id())) {
            LOG.warn("Zendesk account {} authenticates with an API token: Zendesk stops every API token on 2027-04-30"
                     + " (none can be created since 2026-10-27). Move it to OAuth: clientId + clientSecret, or"
                     + " oauthGrant=authorizationCode with a connected account (docs/oauth.md, \"Moving from an API"
                     + " token\")", account.id());
        }
    }

    /** An endpoint no longer uses the account; the last one closes it. */
    public synchronized void release(ZendeskAccount account) {
        if (accounts.get(account.settings().key()) == account && account.released()) {
            accounts.remove(account.settings().key());
            unregister(account);
            account.close();
        }
    }

    /** Where the accounts' meters go, from now on; the accounts already open get theirs now. */
    public synchronized void setMetrics(ZendeskMetrics metrics) {
        this.metrics = metrics;
        accounts.values().forEach(metrics::accountOpened);
    }

    /** The accounts in use, in the order they were first used. */
    public synchronized List<ZendeskAccount> list() {
        return new ArrayList<>(accounts.values());
    }

    /** Closes every account (the component stops). */
    public synchronized void closeAll() {
        for (ZendeskAccount account : accounts.values()) {
            unregister(account);
            account.close();
        }
        accounts.clear();
    }

    private void unregister(ZendeskAccount account) {
        metrics.accountClosed(account);
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            registry.unregister(account.healthCheck());
        }
    }
}
