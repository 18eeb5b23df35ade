package io.camelzendesk.emulator.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /oauth/authorizations/new}: validates the client and its redirect URI (an invalid one gets a 400 page,
 * never a redirect), then the rest (errors go back to the redirect URI, RFC 6749 4.1.2.1), then answers as the
 * configured {@link io.camelzendesk.emulator.Consent} says: a code, a denial, or a consent page whose Allow / Deny
 * forms post back to the same path.
 */
final class OAuthAuthorizeApi {
    static final String PATH = "/oauth/authorizations/new";

    private final Core core;

    OAuthAuthorizeApi(Core core) {
        this.core = core;
    }

    void register(Router r) {
        r.get(PATH, this::authorize);
        r.post(PATH, this::answerConsent);
    }

    private Resp authorize(Req req) {
        String clientId = req.q("client_id");
        String redirectUri = req.q("redirect_uri");
        OAuthServer.Client client = OAuthServer.client(clientId);
        if (client == null) {
            return page(400, "Invalid client", "The client_id is missing or is not a known OAuth client.");
        }
        if (!core.oauth.redirectAllowed(clientId, redirectUri)) {
            return page(400, "Invalid redirect URI", "The redirect_uri is missing or is not registered for this client.");
        }
        String state = req.q("state");
        if (!"code".equals(req.q("response_type"))) {
            return redirect(redirectUri, state, "error", "unsupported_response_type",
                    "error_description", "The authorization server only supports response_type=code.");
        }
        String scope = req.q("scope");
        if (scope == null || !validScope(scope)) {
            return redirect(redirectUri, state, "error", "invalid_scope",
                    "error_description", "The requested scope is invalid, unknown, or malformed.");
        }
        String challenge = emptyToNull(req.q("code_challenge"));
        String method = emptyToNull(req.q("code_challenge_method"));
        String problem = null;
        if (challenge == null && client.isPublic()) {
            problem = "code_challenge is required for public clients (PKCE, S256).";
        } else if (challenge == null && method != null) {
            problem = "code_challenge_method without code_challenge.";
        } else if (challenge != null && !"S256".equals(method)) {
            problem = "code_challenge_method must be S256.";
        } else if (challenge != null && !challenge.matches("[A-Za-z0-9_-]{43}")) {
            problem = "code_challenge must be the base64url SHA-256 of the code verifier.";
        }
        if (problem != null) {
            return redirect(redirectUri, state, "error", "invalid_request", "error_description", problem);
        }
        OAuthServer.Authorization a = new OAuthServer.Authorization(clientId, redirectUri, scope.trim().replaceAll("\\s+", " "),
                state, challenge, core.now() + OAuthServer.CODE_LIFETIME.toMillis());
        return switch (core.settings.oauthConsent) {
            case AUTO_APPROVE -> approve(a);
            case DENY -> deny(a);
            case ASK -> consentPage(core.oauth.awaitConsent(a), a);
        };
    }

    /** The consent page's forms: {@code consent_id} and {@code decision=allow|deny}. */
    private Resp answerConsent(Req req) {
        Map<String, java.util.List<String>> form = Req.parseQuery(req.bodyText());
        String id = form.containsKey("consent_id") ? form.get("consent_id").get(0) : null;
        OAuthServer.Authorization a = core.oauth.consentAnswered(id);
        if (a == null) {
            return page(400, "Authorization expired", "This authorization request is unknown, expired or already answered.");
        }
        boolean allow = form.containsKey("decision") && "allow".equals(form.get("decision").get(0));
        return allow ? approve(a) : deny(a);
    }

    private Resp approve(OAuthServer.Authorization a) {
        return redirect(a.redirectUri(), a.state(), "code", core.oauth.newCode(a));
    }

    private static Resp deny(OAuthServer.Authorization a) {
        return redirect(a.redirectUri(), a.state(), "error", "access_denied",
                "error_description", "The end-user or authorization server denied the request.");
    }

    private static Resp consentPage(String consentId, OAuthServer.Authorization a) {
        String hidden = "<input type=\"hidden\" name=\"consent_id\" value=\"" + html(consentId) + "\">";
        String body = "<p>The application <b>" + html(a.clientId()) + "</b> asks for access to your Zendesk account with the scope <code>"
                + html(a.scope()) + "</code>.</p>"
                + "<form method=\"post\" action=\"" + PATH + "\">" + hidden
                + "<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button></form>"
                + "<form method=\"post\" action=\"" + PATH + "\">" + hidden
                + "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></form>";
        return html(200, "Authorize " + a.clientId(), body);
    }

    private static Resp page(int status, String title, String text) {
        return html(status, title, "<p>" + html(text) + "</p>");
    }

    private static Resp html(int status, String title, String body) {
        String doc = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head><body><h1>"
                + html(title) + "</h1>" + body + "</body></html>";
        return Resp.raw(status, doc.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8").header("Cache-Control", "no-store");
    }

    /** 302 to the redirect URI with these query parameters added (and {@code state} when the client sent one). */
    private static Resp redirect(String uri, String state, String... kv) {
        StringBuilder sb = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(i == 0 ? "" : "&").append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        if (state != null) {
            sb.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        return Resp.raw(302, new byte[0], null).header("Location", sb.toString()).header("Cache-Control", "no-store");
    }

    /** read, write, impersonate, or {@code <resource>:read|write}, separated by spaces. */
    static boolean validScope(String scope) {
        if (scope.isBlank()) {
            return false;
        }
        for (String s : scope.trim().split("\\s+")) {
            if (!s.matches("read|write|impersonate|[a-z_]+:(read|write)")) {
                return false;
            }
        }
        return true;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
