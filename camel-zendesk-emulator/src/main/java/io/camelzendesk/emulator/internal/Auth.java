package io.camelzendesk.emulator.internal;

import io.camelzendesk.emulator.ZendeskEmulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * API token (Basic) and OAuth (Bearer) authentication. The OAuth tokens themselves live in {@link OAuthServer}.
 */
public final class Auth {
    private final Core core;

    Auth(Core core) {
        this.core = core;
    }

    /** The acting user id, or null when the Authorization header is missing or wrong (or API tokens are off). */
    public Long authenticate(Req req) {
        String h = req.header("Authorization");
        if (h == null) {
            return null;
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (!core.settings.apiTokensEnabled) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String user = decoded.substring(0, colon);
            String secret = decoded.substring(colon + 1);
            if (user.equalsIgnoreCase(ZendeskEmulator.ADMIN_EMAIL + "/token") && secret.equals(ZendeskEmulator.API_TOKEN)) {
                return core.adminId();
            }
            return null;
        }
        String token = bearer(req);
        if (token != null && (token.equals(ZendeskEmulator.OAUTH_TOKEN) || core.oauth.bearer(token, true) != null)) {
            return core.adminId();
        }
        return null;
    }

    /** Scope of the bearer token in the request, or null for API tokens / the static token (full access). */
    public String scopeOf(Req req) {
        String token = bearer(req);
        OAuthServer.Token t = token == null ? null : core.oauth.bearer(token, false);
        return t == null ? null : t.scope();
    }

    /** The Bearer token of the request, or null. */
    static String bearer(Req req) {
        String h = req.header("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }
}
