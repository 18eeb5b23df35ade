package io.camelzendesk.component.health;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.client.ZendeskReconnectRequiredException;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.component.account.AccountSettings;

/**
 * Readiness of one Zendesk account: {@code GET /api/v2/users/me} answers. DOWN with the status and Zendesk's error
 * on 401/403 (credentials, scopes), on other errors, or when Zendesk cannot be reached. Camel's standard detail
 * {@link #HTTP_RESPONSE_CODE} holds Zendesk's answer; the id is the account's, unique per account configuration.
 */
public class ZendeskHealthCheck extends AbstractHealthCheck {

    private final ZendeskClient client;

    /** How long the check waits for Zendesk's answer. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** @param id the account's id ({@link io.camelzendesk.component.account.AccountSettings#id()}) */
    public ZendeskHealthCheck(ZendeskClient client, String id) {
        super("camel", id);
        this.client = client;
        setEnabled(true);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("baseUrl", client.config().baseUrl().toString());
        builder.detail("requests", client.metrics().requests());
        builder.detail("rateLimited", client.metrics().rateLimited());
        try {
            // one attempt, at once, within PROBE_TIMEOUT: a probe must not wait out retries or a rate-limit pause
            client.getJson(ZendeskRequest.get("/api/v2/users/me").probe(PROBE_TIMEOUT).build());
            builder.detail(HTTP_RESPONSE_CODE, 200).up();
        } catch (ZendeskApiException e) {
            if (e.getStatus() == 429) {
                // Zendesk answered and knows the account: it is busy, not down
                builder.detail(HTTP_RESPONSE_CODE, 429).message("Zendesk rate limit reached: requests wait for it").up();
                return;
            }
            builder.detail(HTTP_RESPONSE_CODE, e.getStatus());
            if (e.getError() != null) {
                builder.detail("zendesk.error", e.getError());
            }
            builder.message(e.getMessage()).error(e).down();
        } catch (ZendeskReconnectRequiredException e) {
            // the OAuth grant is revoked or expired: only connecting the account again helps
            builder.detail("oauth", "reconnect").message(e.getMessage()).down();
        } catch (ZendeskException e) {
            builder.message("Zendesk unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
