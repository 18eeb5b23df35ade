package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelzendesk.emulator.ZendeskEmulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** POST /oauth/tokens (client_credentials). */
final class OAuthApi {
    private final Core core;

    OAuthApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        r.post("/oauth/tokens", this::token);
    }

    private Resp token(Req req) {
        Map<String, String> p = new java.util.HashMap<>();
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
        String grant = p.get("grant_type");
        if (!"client_credentials".equals(grant)) {
            return Resp.json(400, Json.obj("error", "unsupported_grant_type",
                    "error_description", "The authorization grant type is not supported by the authorization server."));
        }
        if (!ZendeskEmulator.OAUTH_CLIENT_ID.equals(p.get("client_id")) || !ZendeskEmulator.OAUTH_CLIENT_SECRET.equals(p.get("client_secret"))) {
            return Resp.json(401, Json.obj("error", "invalid_client",
                    "error_description", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."));
        }
        String scope = p.getOrDefault("scope", "read write");
        if (scope.isBlank()) {
            scope = "read write";
        }
        Auth.Token t = core.auth.issue(scope, core.settings.oauthTokenLifetime);
        ObjectNode out = Json.obj("access_token", t.value(), "token_type", "bearer", "scope", scope,
                "expires_in", Math.max(1, core.settings.oauthTokenLifetime.toSeconds()));
        return Resp.ok(out);
    }

    /** Whether an OAuth scope string allows this request. */
    static boolean allows(String scope, String method) {
        List<String> scopes = List.of(scope.trim().split("\\s+"));
        boolean write = scopes.contains("write") || scopes.stream().anyMatch(s -> s.endsWith(":write"));
        boolean read = write || scopes.contains("read") || scopes.stream().anyMatch(s -> s.endsWith(":read"));
        return "GET".equals(method) ? read : write;
    }
}
