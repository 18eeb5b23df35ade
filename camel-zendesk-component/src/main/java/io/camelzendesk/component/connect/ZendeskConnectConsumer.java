package io.camelzendesk.component.connect;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.account.AccountSettings;
import io.camelzendesk.component.account.NamedAccounts;
import io.camelzendesk.component.oauth.AuthorizationCodeFlow;
import io.camelzendesk.component.oauth.ConnectPage;

/**
 * {@code from("zendesk:connect?redirectUri=...")}: connects Zendesk accounts with the OAuth authorization-code grant
 * (PKCE), served through Camel's platform-http:
 * <ul>
 * <li>{@code GET {path}/start?account=acme[&subdomain=acme]}: 302 to Zendesk's authorization page. The account's
 * base URL is the one it is defined with (properties {@code zendesk.account.acme.*}, its token-store entry, or, for
 * account {@code default}, the endpoint's own subdomain or baseUrl); only for an account not defined so, the
 * {@code subdomain} parameter gives https://SUBDOMAIN.zendesk.com. A base URL is never taken from the request: the
 * client secret goes to that host.</li>
 * <li>{@code GET {path}/callback}: Zendesk's redirect back; exchanges the code, stores the tokens and answers a page
 * (200 connected, 403 denied, 400 refused: unknown, used or expired state, or a code Zendesk refused).</li>
 * </ul>
 * After a connection the route gets one exchange (body a Map with account, baseUrl and scope; header
 * {@code CamelZendeskAccount}); the page is sent once the route has run, whatever it did: the tokens are stored by
 * then (a route failure is logged). The OAuth client (clientId, clientSecret, oauthScope), the token store and the
 * lifetimes are this endpoint's (normally the component's).
 */
public class ZendeskConnectConsumer extends DefaultConsumer {

    /** The path of a connect endpoint that does not set option path. */
    public static final String DEFAULT_PATH = "/zendesk/connect";

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskConnectConsumer.class);

    private final ZendeskConfiguration config;
    private Endpoint startEndpoint;
    private Endpoint callbackEndpoint;
    private Consumer startConsumer;
    private Consumer callbackConsumer;
    private volatile AuthorizationCodeFlow flow;

    public ZendeskConnectConsumer(ZendeskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration();
    }

    /** Fails at endpoint creation, naming the option, when the connect endpoint cannot work. */
    public static void validate(ZendeskConfiguration c) {
        String example = "e.g. https://app.example.com" + c.getPath() + "/callback";
        if (c.getRedirectUri() == null || c.getRedirectUri().isBlank()) {
            throw new IllegalArgumentException("Option redirectUri is required for zendesk:connect: the public URL of "
                                               + c.getPath() + "/callback, registered as a redirect URL of the OAuth"
                                               + " client, " + example);
        }
        URI uri;
        try {
            uri = URI.create(c.getRedirectUri().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option redirectUri is not a URL: " + c.getRedirectUri());
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Option redirectUri must be an http(s) URL without query or fragment, "
                                               + example + ", was " + c.getRedirectUri());
        }
        if (c.getClientId() == null || c.getClientId().isBlank()) {
            throw new IllegalArgumentException("Option clientId is required for zendesk:connect: the OAuth client's id"
                                               + " (with clientSecret, or none for a public client), normally set on"
                                               + " the component");
        }
        if (c.getPath() == null || !c.getPath().startsWith("/")) {
            throw new IllegalArgumentException("Option path must start with /, was " + c.getPath());
        }
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        String path = config.getPath().endsWith("/") ? config.getPath().substring(0, config.getPath().length() - 1)
                : config.getPath();
        startEndpoint = getEndpoint().getCamelContext().getEndpoint("platform-http:" + path
                                                                   + "/start?httpMethodRestrict=GET");
        callbackEndpoint = getEndpoint().getCamelContext().getEndpoint("platform-http:" + path
                                                                      + "/callback?httpMethodRestrict=GET");
        ConnectPages.letResponseHeadersOut(startEndpoint);
        ConnectPages.letResponseHeadersOut(callbackEndpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        flow = new AuthorizationCodeFlow(AccountSettings.tokenStore(config), config.getClientId(),
                config.getClientSecret(), Duration.ofMillis(config.getAccessTokenLifetime()),
                Duration.ofMillis(config.getRefreshTokenLifetime()));
        startConsumer = startEndpoint.createConsumer(this::start);
        callbackConsumer = callbackEndpoint.createConsumer(this::callback);
        ServiceHelper.startService(startConsumer, callbackConsumer);
        LOG.info("Zendesk connect flow on GET {}/start and {}/callback (redirect URI {})", config.getPath(),
                config.getPath(), config.getRedirectUri());
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownServices(startConsumer, callbackConsumer);
        startConsumer = null;
        callbackConsumer = null;
        flow = null;
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        ServiceHelper.suspendServices(java.util.List.of(startConsumer, callbackConsumer));
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        ServiceHelper.resumeServices(java.util.List.of(startConsumer, callbackConsumer));
        super.doResume();
    }

    private void start(Exchange http) {
        AuthorizationCodeFlow f = flow;
        Map<String, String> query = query(http);
        String account = query.getOrDefault("account", AccountSettings.DEFAULT_ACCOUNT);
        if (f == null) {
            ConnectPages.answer(http, new ConnectPage(503, "Not ready", "The connect flow is stopping.", ""));
            return;
        }
        if (!AuthorizationCodeFlow.isAccountName(account)) {
            ConnectPages.answer(http, new ConnectPage(400, "Not connected", "The account name must be letters,"
                    + " digits, '.', '_' or '-' (at most 63).", "Nothing was started."));
            return;
        }
        String baseUrl;
        try {
            baseUrl = baseUrl(account, query.get("subdomain"));
        } catch (IllegalArgumentException e) {
            ConnectPages.answer(http, new ConnectPage(400, "Not connected", e.getMessage(),
                    "Nothing was started."));
            return;
        }
        if (baseUrl == null) {
            ConnectPages.answer(http, new ConnectPage(400, "Not connected", "Zendesk account " + account
                    + " is not defined here: give its subdomain, e.g. " + config.getPath() + "/start?account="
                    + account + "&subdomain=" + account + " for https://" + account + ".zendesk.com.",
                    "Nothing was started."));
            return;
        }
        try {
            ConnectPages.redirect(http, f.start(account, baseUrl, config.getRedirectUri().trim(),
                    config.getOauthScope()));
        } catch (IllegalStateException e) {
            ConnectPages.answer(http, new ConnectPage(503, "Not connected", e.getMessage(), ""));
        }
    }

    /**
     * The account's base URL: as defined (properties, token store, or the endpoint's own for account default), else
     * from {@code subdomain}; null when neither.
     */
    private String baseUrl(String account, String subdomain) {
        ZendeskConfiguration c = config.copy();
        c.setAccount(AccountSettings.DEFAULT_ACCOUNT.equals(account) ? null : account);
        try {
            return AccountSettings.baseUrl(NamedAccounts.resolve(getEndpoint().getCamelContext(), c));
        } catch (IllegalArgumentException notDefined) {
            // not defined here: from the subdomain given, if any
        }
        if (subdomain == null || subdomain.isBlank()) {
            return null;
        }
        ZendeskConfiguration bySubdomain = new ZendeskConfiguration();
        bySubdomain.setSubdomain(subdomain.trim());
        return AccountSettings.baseUrl(bySubdomain);
    }

    private void callback(Exchange http) {
        AuthorizationCodeFlow f = flow;
        if (f == null) {
            ConnectPages.answer(http, new ConnectPage(503, "Not ready", "The connect flow is stopping.", ""));
            return;
        }
        AuthorizationCodeFlow.Result result = f.complete(query(http));
        if (result.connected()) {
            route(result);
        }
        ConnectPages.answer(http, ConnectPage.of(result));
    }

    /** One exchange per connected account; a failure is logged, the tokens stay stored. */
    private void route(AuthorizationCodeFlow.Result result) {
        Exchange exchange = createExchange(false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", result.account());
        body.put("baseUrl", result.baseUrl());
        body.put("scope", result.scope());
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(ZendeskConstants.ACCOUNT, result.account());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("The route failed on the connection of Zendesk account "
                                                  + result.account() + " (its tokens are stored)", exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private static Map<String, String> query(Exchange http) {
        try {
            return AuthorizationCodeFlow.parseQuery(http.getMessage().getHeader(Exchange.HTTP_QUERY, String.class));
        } catch (IllegalArgumentException malformed) {
            return Map.of();
        }
    }
}
