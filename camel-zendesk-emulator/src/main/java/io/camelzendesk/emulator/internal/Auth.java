package io.camelzendesk.emulator.internal;

import io.camelzendesk.emulator.ZendeskEmulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** API token (Basic) and OAuth (Bearer) authentication, and the OAuth tokens issued by /oauth/tokens. */
public final class Auth {
    /** An issued access token. */
    public record Token(String value, String scope, long expiresAtMillis) {
    }

    private final Core core;
    private final Map<String, Token> issued = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    Auth(Core core) {
        this.core = core;
    }

    /** The acting user id, or null when the Authorization header is missing or wrong. */
    public Long authenticate(Req req) {
        String h = req.header("Authorization");
        if (h == null) {
            return null;
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
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
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = h.substring(7).trim();
            if (token.equals(ZendeskEmulator.OAUTH_TOKEN)) {
                return core.adminId();
            }
            synchronized (issued) {
                Token t = issued.get(token);
                if (t != null && core.now() < t.expiresAtMillis()) {
                    return core.adminId();
                }
            }
        }
        return null;
    }

    /** Scope of the bearer token in the request, or null for API tokens / the static token (full access). */
    public String scopeOf(Req req) {
        String h = req.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        synchronized (issued) {
            Token t = issued.get(h.substring(7).trim());
            return t == null ? null : t.scope();
        }
    }

    public Token issue(String scope, java.time.Duration lifetime) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Token t = new Token(value, scope, core.now() + lifetime.toMillis());
        synchronized (issued) {
            issued.put(value, t);
        }
        return t;
    }

    void clearIssued() {
        synchronized (issued) {
            issued.clear();
        }
    }
}
