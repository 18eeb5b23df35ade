package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelzendesk.emulator.Consent;
import io.camelzendesk.emulator.Fault;
import io.camelzendesk.emulator.RecordedRequest;
import io.camelzendesk.emulator.WebhookDelivery;

import java.time.Duration;
import java.util.List;

/**
 * The admin API over HTTP (/__admin/...), for tests in other JVMs. No auth, no rate limit, not recorded.
 * Each route calls the same {@link AdminOps} as the Java handle.
 */
final class AdminApi {
    private final Core core;
    private final AdminOps ops;

    AdminApi(Core core) {
        this.core = core;
        this.ops = new AdminOps(core);
    }

    void register(Router r) {
        String a = "/__admin";
        r.get(a + "/health", req -> Resp.ok(Json.obj("status", "ok", "base_url", core.baseUrl)));
        r.post(a + "/reset", req -> {
            core.reset();
            return Resp.noContent();
        });
        r.get(a + "/resources/{resource}", req -> {
            List<ObjectNode> items = ops.list(req.params.get("resource"));
            ArrayNode arr = Json.arr();
            items.forEach(arr::add);
            return Resp.ok(Json.obj("items", arr, "count", items.size()));
        });
        r.get(a + "/resources/{resource}/{id}", req -> {
            ObjectNode o = ops.get(req.params.get("resource"), req.params.get("id"));
            if (o == null) {
                throw ApiError.notFound();
            }
            return Resp.ok(o);
        });
        r.post(a + "/resources/{resource}", req -> Resp.created(ops.create(req.params.get("resource"), (ObjectNode) req.json())));
        r.put(a + "/resources/{resource}/{id}", req -> Resp.ok(ops.update(req.params.get("resource"), req.id("id"), (ObjectNode) req.json())));
        r.delete(a + "/resources/{resource}/{id}", req -> {
            ops.delete(req.params.get("resource"), req.id("id"));
            return Resp.noContent();
        });
        r.get(a + "/tickets/{id}/comments", req -> {
            ArrayNode arr = Json.arr();
            core.tickets.comments(req.id("id")).forEach(arr::add);
            return Resp.ok(Json.obj("items", arr, "count", arr.size()));
        });
        r.get(a + "/tickets/{id}/comment-counts", req -> Resp.ok(Json.obj("counts",
                Json.toNode(ops.commentCountsByBody(req.id("id"))))));
        r.get(a + "/ticket-counts", req -> Resp.ok(Json.obj("counts",
                Json.toNode(ops.ticketCountsBySubject(req.q("subject_prefix"))))));
        r.get(a + "/requests", req -> {
            ArrayNode arr = Json.arr();
            for (RecordedRequest rr : core.requestLog.all()) {
                arr.add(Json.obj("method", rr.method(), "path", rr.path(), "query", rr.query(), "headers", Json.toNode(rr.headers()),
                        "body", rr.body(), "at", rr.at().toString()));
            }
            return Resp.ok(Json.obj("items", arr, "count", arr.size()));
        });
        r.delete(a + "/requests", req -> {
            core.requestLog.clear();
            return Resp.noContent();
        });
        r.get(a + "/deliveries", req -> {
            ArrayNode arr = Json.arr();
            for (WebhookDelivery d : core.webhooks.deliveries()) {
                arr.add(Json.obj("webhook_id", d.webhookId(), "invocation_id", d.invocationId(), "attempt", d.attempt(),
                        "url", d.url(), "method", d.method(), "headers", Json.toNode(d.headers()), "body", d.body(),
                        "status", d.status(), "error", d.error(), "at", d.at().toString()));
            }
            return Resp.ok(Json.obj("items", arr, "count", arr.size(), "pending", core.webhooks.pending()));
        });
        r.delete(a + "/deliveries", req -> {
            core.webhooks.clearDeliveries();
            return Resp.noContent();
        });
        r.post(a + "/faults", req -> {
            core.faults.add(fault(req.json()));
            return Resp.json(201, Json.obj("armed", core.faults.remaining()));
        });
        r.get(a + "/faults", req -> Resp.ok(Json.obj("armed", core.faults.remaining())));
        r.delete(a + "/faults", req -> {
            core.faults.clear();
            return Resp.noContent();
        });
        r.post(a + "/bulk/tickets", req -> {
            JsonNode b = req.json();
            int count = b.path("count").asInt(0);
            long first = b.has("timestamp") ? b.get("timestamp").asLong() * 1000 : core.now() - 3_600_000L;
            long step = b.has("step_millis") ? b.get("step_millis").asLong() : b.path("step_seconds").asLong(0) * 1000;
            List<Long> ids = ops.bulkTickets(count, first, step, b.path("subject_prefix").asText("Bulk ticket"));
            return Resp.created(Json.obj("count", ids.size(), "first_id", ids.isEmpty() ? null : ids.get(0),
                    "last_id", ids.isEmpty() ? null : ids.get(ids.size() - 1)));
        });
        r.get(a + "/settings", req -> Resp.ok(settings()));
        r.put(a + "/settings", req -> {
            JsonNode b = req.json();
            if (b.has("requests_per_minute")) {
                core.settings.requestsPerMinute = b.get("requests_per_minute").asInt();
            }
            if (b.has("endpoint_limits")) {
                core.settings.endpointLimits = b.get("endpoint_limits").asBoolean();
            }
            if (b.has("incremental_requests_per_minute")) {
                core.settings.incrementalRequestsPerMinute = b.get("incremental_requests_per_minute").asInt();
            }
            if (b.has("recent_exclusion_millis")) {
                core.settings.recentExclusion = Duration.ofMillis(b.get("recent_exclusion_millis").asLong());
            }
            if (b.has("oauth_token_lifetime_seconds")) {
                core.settings.oauthTokenLifetime = Duration.ofSeconds(b.get("oauth_token_lifetime_seconds").asLong());
            }
            if (b.has("refresh_token_lifetime_seconds")) {
                core.settings.refreshTokenLifetime = Duration.ofSeconds(b.get("refresh_token_lifetime_seconds").asLong());
            }
            if (b.has("api_tokens_enabled")) {
                core.settings.apiTokensEnabled = b.get("api_tokens_enabled").asBoolean();
            }
            if (b.has("oauth_consent")) {
                try {
                    core.settings.oauthConsent = Consent.valueOf(b.get("oauth_consent").asText());
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("InvalidValue", "oauth_consent must be one of " + java.util.Arrays.toString(Consent.values()));
                }
            }
            if (b.has("always_send_expires_in")) {
                core.settings.alwaysSendExpiresIn = b.get("always_send_expires_in").asBoolean();
            }
            if (b.has("webhook_retry_backoff_millis")) {
                core.settings.webhookRetryBackoff = Duration.ofMillis(b.get("webhook_retry_backoff_millis").asLong());
            }
            if (b.has("webhook_max_attempts")) {
                core.settings.webhookMaxAttempts = b.get("webhook_max_attempts").asInt();
            }
            return Resp.ok(settings());
        });
        r.get(a + "/endpoint-limits/refusals", req -> Resp.ok(Json.MAPPER.valueToTree(core.endpointLimits.refusals())));
        r.post(a + "/rate-limits/reset", req -> {
            core.rateLimiter.reset();
            return Resp.noContent();
        });
        r.post(a + "/oauth/tokens", req -> {
            JsonNode b = req.json();
            OAuthServer.Token t = core.oauth.issue(b.path("scope").asText("read write"),
                    Duration.ofSeconds(b.path("lifetime_seconds").asLong(core.settings.oauthTokenLifetime.toSeconds())));
            return Resp.created(Json.obj("access_token", t.value(), "expires_at", Times.iso(t.expiresAtMillis())));
        });
        r.post(a + "/oauth/redirect-uris", req -> {
            JsonNode b = req.json();
            try {
                core.oauth.addRedirectUri(b.path("client_id").asText(null), b.path("uri").asText(null));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ApiError.badRequest("InvalidValue", "client_id must be a known OAuth client and uri an absolute URI");
            }
            return Resp.noContent();
        });
        r.post(a + "/oauth/revoke", req -> {
            core.oauth.revokeAll();
            return Resp.noContent();
        });
        r.get(a + "/oauth/stats", req -> {
            io.camelzendesk.emulator.OAuthStats st = core.oauth.stats();
            return Resp.ok(Json.obj("authorization_codes", st.authorizationCodes(), "code_exchanges", st.codeExchanges(),
                    "refreshes", st.refreshes(), "client_credentials", st.clientCredentials(), "invalid_grants", st.invalidGrants(),
                    "refresh_token_reuses", st.refreshTokenReuses(), "expired_access_token_rejections", st.expiredAccessTokenRejections()));
        });
    }

    private ObjectNode settings() {
        Settings s = core.settings;
        return Json.obj("requests_per_minute", s.requestsPerMinute, "incremental_requests_per_minute", s.incrementalRequestsPerMinute,
                "endpoint_limits", s.endpointLimits,
                "recent_exclusion_millis", s.recentExclusion.toMillis(), "oauth_token_lifetime_seconds", s.oauthTokenLifetime.toSeconds(),
                "refresh_token_lifetime_seconds", s.refreshTokenLifetime.toSeconds(), "api_tokens_enabled", s.apiTokensEnabled,
                "oauth_consent", s.oauthConsent.name(), "always_send_expires_in", s.alwaysSendExpiresIn,
                "webhook_retry_backoff_millis", s.webhookRetryBackoff.toMillis(), "webhook_max_attempts", s.webhookMaxAttempts,
                "seed", s.seed);
    }

    /**
     * {"kind":"RATE_LIMIT_429","count":2,"retry_after_seconds":3,"body":"PLAIN_TEXT","delay_millis":..,"path_regex":..,
     * "path_prefix":..,"method":..,"after_applying":false}
     */
    static Fault fault(JsonNode b) {
        Fault f;
        try {
            f = Fault.of(Fault.Kind.valueOf(b.path("kind").asText()));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("InvalidValue", "kind must be one of " + java.util.Arrays.toString(Fault.Kind.values()));
        }
        if (b.has("count")) {
            f = f.times(b.get("count").asInt());
        }
        if (b.has("retry_after_seconds")) {
            f = f.withRetryAfter(b.get("retry_after_seconds").asInt());
        }
        if (b.has("body")) {
            f = f.withBody(Fault.RateLimitBody.valueOf(b.get("body").asText()));
        }
        if (b.has("delay_millis")) {
            f = f.withDelay(Duration.ofMillis(b.get("delay_millis").asLong()));
        }
        if (b.hasNonNull("path_regex")) {
            f = f.onPath(b.get("path_regex").asText());
        }
        if (b.hasNonNull("path_prefix")) {
            f = f.onPathPrefix(b.get("path_prefix").asText());
        }
        if (b.hasNonNull("method")) {
            f = f.onMethod(b.get("method").asText());
        }
        if (b.path("after_applying").asBoolean(false)) {
            try {
                f = f.afterApplying();
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("InvalidValue", e.getMessage());
            }
        }
        return f;
    }
}
