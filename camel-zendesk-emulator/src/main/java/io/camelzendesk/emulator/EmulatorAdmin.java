package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelzendesk.emulator.internal.AdminOps;
import io.camelzendesk.emulator.internal.Core;
import io.camelzendesk.emulator.internal.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The test/demo handle of an emulator (the same operations are served over HTTP under {@code /__admin}).
 * Changes made here go through the same code as agents' changes: triggers fire, webhooks are delivered,
 * exports see them. Resource names: tickets, users, organizations, groups, ticket_fields, macros, triggers,
 * webhooks, categories, sections, articles, ticket_events (audits), permission_groups, attachments.
 */
public final class EmulatorAdmin {
    private final Core core;
    private final AdminOps ops;

    EmulatorAdmin(Core core) {
        this.core = core;
        this.ops = new AdminOps(core);
    }

    /** Back to the initial state: account basics (+ seed), no logs, faults, jobs, OAuth codes, tokens, registered
     * redirect URIs or OAuth counts; built settings. */
    public void reset() {
        core.reset();
    }

    // ---------------------------------------------------------------- inspection

    /** All live objects of a resource, as copies. */
    public List<ObjectNode> list(String resource) {
        return ops.list(resource);
    }

    public Optional<ObjectNode> get(String resource, long id) {
        return Optional.ofNullable(ops.get(resource, String.valueOf(id)));
    }

    /** A webhook by its (string) id. */
    public Optional<ObjectNode> webhook(String id) {
        return Optional.ofNullable(ops.get("webhooks", id));
    }

    /** Comments of a ticket, oldest first. */
    public List<ObjectNode> comments(long ticketId) {
        return core.tickets.comments(ticketId);
    }

    /**
     * Live tickets whose subject starts with {@code subjectPrefix}, counted by subject: with a unique subject per
     * create, a count above 1 is a ticket created twice.
     */
    public Map<String, Integer> ticketCountsBySubject(String subjectPrefix) {
        return ops.ticketCountsBySubject(subjectPrefix);
    }

    /** A ticket's comments counted by body: with a unique body per write, a count above 1 is a comment added twice. */
    public Map<String, Integer> commentCountsByBody(long ticketId) {
        return ops.commentCountsByBody(ticketId);
    }

    /** The id of the built-in admin user (the user API tokens act as). */
    public long adminUserId() {
        return core.adminId();
    }

    // ---------------------------------------------------------------- changes "as an agent would"

    /** Creates a ticket (fields as in the API's {"ticket": {...}}, e.g. subject, comment, status, tags). */
    public ObjectNode createTicket(Map<String, ?> fields) {
        return ops.create("tickets", Json.fromMap(fields));
    }

    /** Updates a ticket (e.g. {"status": "solved", "comment": {"body": "..."}}). */
    public ObjectNode updateTicket(long id, Map<String, ?> changes) {
        return ops.update("tickets", id, Json.fromMap(changes));
    }

    /** Adds a comment to a ticket. */
    public ObjectNode addComment(long ticketId, String body, boolean isPublic) {
        return updateTicket(ticketId, Map.of("comment", Map.of("body", body, "public", isPublic)));
    }

    public void deleteTicket(long id) {
        ops.delete("tickets", id);
    }

    public ObjectNode createUser(Map<String, ?> fields) {
        return ops.create("users", Json.fromMap(fields));
    }

    public ObjectNode updateUser(long id, Map<String, ?> changes) {
        return ops.update("users", id, Json.fromMap(changes));
    }

    public ObjectNode createOrganization(Map<String, ?> fields) {
        return ops.create("organizations", Json.fromMap(fields));
    }

    public ObjectNode updateOrganization(long id, Map<String, ?> changes) {
        return ops.update("organizations", id, Json.fromMap(changes));
    }

    /** Any other resource (groups, ticket_fields, macros, triggers, webhooks, categories, sections, articles). */
    public ObjectNode create(String resource, Map<String, ?> fields) {
        return ops.create(resource, Json.fromMap(fields));
    }

    public ObjectNode update(String resource, long id, Map<String, ?> changes) {
        return ops.update(resource, id, Json.fromMap(changes));
    }

    public void delete(String resource, long id) {
        ops.delete(resource, id);
    }

    // ---------------------------------------------------------------- bulk loading

    /**
     * Loads {@code count} simple tickets directly (no triggers, no webhooks), all with the same timestamp
     * (created_at = updated_at = generated_timestamp). Fast: 5,000 tickets take a few tens of ms.
     *
     * @return the new ticket ids, ascending
     */
    public List<Long> bulkLoadTickets(int count, Instant timestamp) {
        return bulkLoadTickets(count, timestamp, Duration.ZERO);
    }

    /** Same, the i-th ticket at {@code first + i * step}. */
    public List<Long> bulkLoadTickets(int count, Instant first, Duration step) {
        return ops.bulkTickets(count, first.toEpochMilli(), step.toMillis(), "Bulk ticket");
    }

    // ---------------------------------------------------------------- logs

    /** Requests received (API and OAuth; not admin), oldest first. */
    public List<RecordedRequest> requests() {
        return core.requestLog.all();
    }

    public void clearRequests() {
        core.requestLog.clear();
    }

    /** Webhook delivery attempts, in completion order. */
    public List<WebhookDelivery> deliveries() {
        return core.webhooks.deliveries();
    }

    /** Waits until at least {@code n} delivery attempts were recorded (or the timeout); returns all so far. */
    public List<WebhookDelivery> awaitDeliveries(int n, Duration timeout) {
        try {
            return core.webhooks.awaitDeliveries(n, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return core.webhooks.deliveries();
        }
    }

    public void clearDeliveries() {
        core.webhooks.clearDeliveries();
    }

    /** Deliveries in flight or waiting for a retry. */
    public int pendingDeliveries() {
        return core.webhooks.pending();
    }

    /** A bulk job's status, as GET /api/v2/job_statuses/{id} shows it. */
    public Optional<ObjectNode> jobStatus(String id) {
        return Optional.ofNullable(core.jobs.get(id));
    }

    // ---------------------------------------------------------------- faults, limits, auth

    public void injectFault(Fault fault) {
        core.faults.add(fault);
    }

    public void clearFaults() {
        core.faults.clear();
    }

    /** Uses left across armed faults. */
    public int armedFaults() {
        return core.faults.remaining();
    }

    public void setRequestsPerMinute(int rpm) {
        core.settings.requestsPerMinute = rpm;
    }

    /** Turns Zendesk's endpoint limits (ticket, user, organization updates...) on or off. */
    public void setEndpointLimits(boolean on) {
        core.settings.endpointLimits = on;
    }

    /** Requests refused by an endpoint limit since the last reset, per limit (e.g. {@code tickets-update/ticket}). */
    public java.util.Map<String, Integer> endpointLimitRefusals() {
        return core.endpointLimits.refusals();
    }

    public void setIncrementalRequestsPerMinute(int rpm) {
        core.settings.incrementalRequestsPerMinute = rpm;
    }

    public void setRecentExclusion(Duration d) {
        core.settings.recentExclusion = d;
    }

    public void setOAuthTokenLifetime(Duration d) {
        core.settings.oauthTokenLifetime = d;
    }

    /**
     * Webhook invocations from now on are lost, duplicated and delayed as {@code conditions} says (as Zendesk's can
     * be); {@link WebhookConditions#NONE} to deliver each once, at once. {@link #reset()} restores none.
     */
    public void setWebhookConditions(WebhookConditions conditions) {
        core.webhooks.conditions(conditions);
    }

    /**
     * Each webhook's circuit breaker, as Zendesk's: open after 70% failed attempts within five minutes (at least 10)
     * or more than 1,000 failures; nothing sent for {@code pause}, then one trial whose success closes it. Off by
     * default (tests that fail deliveries on purpose would trip it); {@link #reset()} restores the built setting.
     */
    public void setWebhookCircuitBreaker(boolean on, Duration pause) {
        core.settings.webhookCircuitBreakerPause = Objects.requireNonNull(pause);
        core.settings.webhookCircuitBreaker = on;
    }

    /** Webhook invocations, losses, duplicates, attempts and circuit-breaker trips since the last reset. */
    public WebhookStats webhookStats() {
        return core.webhooks.stats();
    }

    /** Empties the current rate-limit windows. */
    /** Requests allowed and refused with a 429 per budget (general, incremental, help_center) since the last reset. */
    public java.util.Map<String, long[]> rateLimitCounts() {
        return core.rateLimiter.counts();
    }

    public void resetRateLimits() {
        core.rateLimiter.reset();
    }

    /** Issues a Bearer token as POST /oauth/tokens would, with the given lifetime (scope "read write"). */
    public String issueOAuthToken(Duration lifetime) {
        return core.oauth.issue("read write", lifetime).value();
    }

    /** Lifetime of refresh tokens issued without {@code refresh_token_expires_in}. */
    public void setRefreshTokenLifetime(Duration d) {
        core.settings.refreshTokenLifetime = Objects.requireNonNull(d);
    }

    /** Off: Basic {@code email/token} requests get 401 (an account after 2027-04-30); OAuth still works. */
    public void setApiTokensEnabled(boolean enabled) {
        core.settings.apiTokensEnabled = enabled;
    }

    /** What the user answers on {@code GET /oauth/authorizations/new}. */
    public void setOAuthConsent(Consent consent) {
        core.settings.oauthConsent = Objects.requireNonNull(consent);
    }

    /** Forces {@code expires_in} in authorization_code and refresh_token answers that did not ask for a lifetime. */
    public void setAlwaysSendExpiresIn(boolean always) {
        core.settings.alwaysSendExpiresIn = always;
    }

    /** Accepts this exact redirect URI for the client (loopback URIs are always accepted); cleared by {@link #reset()}. */
    public void addOAuthRedirectUri(String clientId, String uri) {
        core.oauth.addRedirectUri(clientId, uri);
    }

    /** Revokes every issued access token and every refresh token (the static {@code OAUTH_TOKEN} stays valid). */
    public void revokeOAuthGrants() {
        core.oauth.revokeAll();
    }

    /** The OAuth server's counters since the last reset. */
    public OAuthStats oauthStats() {
        return core.oauth.stats();
    }
}
