package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /oauth/tokens} (authorization_code, refresh_token, client_credentials) and
 * {@code DELETE /api/v2/oauth/tokens/current}. The state is in {@link OAuthServer}.
 */
final class OAuthApi {
    private final Core core;

    OAuthApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        r.post("/oauth/tokens", this::token);
        r.delete("/api/v2/oauth/tokens/current", this::revokeCurrent);
    }

    private Resp token(Req req) {
        Map<String, String> p = params(req);
        String grant = p.get("grant_type");
        if (!"client_credentials".equals(grant) && !"authorization_code".equals(grant) && !"refresh_token".equals(grant)) {
            return error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        }
        OAuthServer.Client client = OAuthServer.client(p.get("client_id"));
        if (client == null || !client.isPublic() && !secretMatches(client.secret(), p.get("client_secret"))) {
            return error(401, "invalid_client",
                    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
        }
        Duration accessLife;
        Duration refreshLife;
        try {
            accessLife = lifetime(p, "expires_in", core.settings.oauthTokenLifetime);
            refreshLife = lifetime(p, "refresh_token_expires_in", core.settings.refreshTokenLifetime);
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request", e.getMessage());
        }
        boolean sendExpiresIn = p.containsKey("expires_in") || core.settings.alwaysSendExpiresIn;
        OAuthServer.Issued issued;
        switch (grant) {
            case "client_credentials" -> {
                if (client.isPublic()) {
                    return error(400, "unauthorized_client", "The authenticated client is not authorized to use this authorization grant type.");
                }
                String scope = p.getOrDefault("scope", "read write");
                if (scope.isBlank()) {
                    scope = "read write";
                }
                OAuthServer.Token t = core.oauth.clientCredentials(scope, accessLife);
                // client_credentials has always answered expires_in here (clients cache the token by it)
                return Resp.ok(Json.obj("access_token", t.value(), "token_type", "bearer", "scope", scope,
                        "expires_in", Math.max(1, accessLife.toSeconds()))).header("Cache-Control", "no-store");
            }
            case "authorization_code" -> issued = core.oauth.exchangeCode(client, p.get("code"), p.get("redirect_uri"),
                    p.get("code_verifier"), accessLife, refreshLife);
            default -> issued = core.oauth.refresh(client, p.get("refresh_token"), accessLife, refreshLife);
        }
        if (issued == null) {
            return error(400, "invalid_grant", OAuthServer.INVALID_GRANT);
        }
        ObjectNode out = Json.obj("access_token", issued.access().value(), "token_type", "bearer", "scope", issued.access().scope(),
                "refresh_token", issued.refreshToken());
        if (sendExpiresIn) {
            out.put("expires_in", Math.max(1, accessLife.toSeconds()));
        }
        out.put("refresh_token_expires_in", Math.max(1, refreshLife.toSeconds()));
        return Resp.ok(out).header("Cache-Control", "no-store");
    }

    private Resp revokeCurrent(Req req) {
        String token = Auth.bearer(req);
        if (token == null || !core.oauth.revoke(token)) {
            throw ApiError.notFound();
        }
        return Resp.noContent();
    }

    /** The body's parameters (form or JSON), with the client credentials of an HTTP Basic header when absent. */
    static Map<String, String> params(Req req) {
        Map<String, String> p = new HashMap<>();
        String ct = req.header("Content-Type");
        if (ct != null && ct.contains("application/x-www-form-urlencoded")) {
            Req.parseQuery(req.bodyText()).forEach((k, v) -> p.put(k, v.isEmpty() ? "" : v.get(0)));
        } else if (req.body.length > 0) {
            JsonNode j = req.json();
            j.fields().forEachRemaining(f -> p.put(f.getKey(), f.getValue().asText()));
        }
        String basic = req.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String d = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int c = d.indexOf(':');
                if (c > 0) {
                    p.putIfAbsent("client_id", d.substring(0, c));
                    p.putIfAbsent("client_secret", d.substring(c + 1));
                }
            } catch (IllegalArgumentException ignored) {
                // fall through to invalid_client
            }
        }
        return p;
    }

    /** A requested lifetime in seconds (any positive number; Zendesk allows 300..172800 for access tokens). */
    private static Duration lifetime(Map<String, String> p, String name, Duration def) {
        String v = p.get(name);
        if (v == null) {
            return def;
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException(name + " must be a positive number of seconds");
    }

    private static boolean secretMatches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static Resp error(int status, String error, String description) {
        return Resp.json(status, Json.obj("error", error, "error_description", description)).header("Cache-Control", "no-store");
    }

    /** Whether an OAuth scope string allows this request. */
    static boolean allows(String scope, String method) {
        List<String> scopes = List.of(scope.trim().split("\\s+"));
        boolean write = scopes.contains("write") || scopes.stream().anyMatch(s -> s.endsWith(":write"));
        boolean read = write || scopes.contains("read") || scopes.stream().anyMatch(s -> s.endsWith(":read"));
        return "GET".equals(method) ? read : write;
    }
}
