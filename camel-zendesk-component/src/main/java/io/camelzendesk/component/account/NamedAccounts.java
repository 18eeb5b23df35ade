package io.camelzendesk.component.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PropertyBindingSupport;

import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.oauth.StoredGrant;

/**
 * Named accounts: {@code zendesk:tickets?account=acme} (or the header {@code CamelZendeskAccount}) takes its
 * connection and credentials from the properties {@code zendesk.account.acme.<option>} (camelCase or kebab-case),
 * over the endpoint's configuration; an account with no such properties may have been connected at run time, and then
 * its token-store entry gives its base URL, with the component's OAuth client and the authorization-code grant.
 */
public final class NamedAccounts {

    /** The prefix of a named account's properties: {@code zendesk.account.<name>.<option>}. */
    public static final String PREFIX = "zendesk.account.";

    /** The options a named account may set: where the account is, its credentials, and its client's settings. */
    static final List<String> OPTIONS = List.of("subdomain", "baseUrl", "email", "apiToken", "oauthToken", "clientId",
            "clientSecret", "oauthGrant", "oauthScope", "tokenProvider", "accessTokenLifetime", "refreshTokenLifetime",
            "tokenStore", "tokenEncryptionKey", "stateDirectory", "requestsPerMinute", "maxRetries", "retryDeadline",
            "connectTimeout", "requestTimeout", "clientThreads", "highVolume", "incrementalRequestsPerMinute");
    private static final List<String> WHERE = List.of("subdomain", "baseUrl");
    private static final List<String> CREDENTIALS = List.of("email", "apiToken", "oauthToken", "clientId",
            "clientSecret", "tokenProvider", "oauthGrant");

    private NamedAccounts() {
    }

    /**
     * The configuration of the account {@code c} names (option account), or {@code c} itself when it names none.
     *
     * @throws IllegalArgumentException when the account is neither configured nor connected
     */
    public static ZendeskConfiguration resolve(CamelContext context, ZendeskConfiguration c) {
        String name = c.getAccount();
        if (name == null || name.isBlank()) {
            return c;
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw new IllegalArgumentException("Option account '" + name + "' is not a name (letters, digits, '.',"
                                               + " '_', '-', at most 63)");
        }
        Map<String, Object> properties = properties(context, name);
        ZendeskConfiguration account = c.copy();
        if (!properties.isEmpty()) {
            if (properties.keySet().stream().anyMatch(WHERE::contains)) {
                account.setSubdomain(null);
                account.setBaseUrl(null);
            }
            if (properties.keySet().stream().anyMatch(CREDENTIALS::contains)) {
                clearCredentials(account);
            }
            PropertyBindingSupport.build().withIgnoreCase(true).withReference(true).withMandatory(true)
                    .bind(context, account, new LinkedHashMap<>(properties));
            return account;
        }
        StoredGrant grant = AccountSettings.tokenStore(c).read(name).grant();
        if (grant == null) {
            throw new IllegalArgumentException("Unknown Zendesk account '" + name + "': define it with the properties "
                                               + PREFIX + name + ".subdomain (or .baseUrl) and its credentials, or"
                                               + " connect it (the zendesk:connect route or the connect command"
                                               + " line, docs/oauth.md)");
        }
        account.setSubdomain(null);
        account.setBaseUrl(grant.baseUrl());
        String clientId = c.getClientId();
        String clientSecret = c.getClientSecret();
        clearCredentials(account);
        account.setClientId(clientId != null ? clientId : grant.clientId());
        account.setClientSecret(clientSecret);
        account.setOauthGrant(AccountSettings.AUTHORIZATION_CODE);
        return account;
    }

    private static void clearCredentials(ZendeskConfiguration c) {
        c.setEmail(null);
        c.setApiToken(null);
        c.setOauthToken(null);
        c.setClientId(null);
        c.setClientSecret(null);
        c.setTokenProvider(null);
        c.setOauthGrant(AccountSettings.CLIENT_CREDENTIALS);
    }

    /** The account's properties by option name, each looked up as camelCase and as kebab-case. */
    private static Map<String, Object> properties(CamelContext context, String name) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Map<String, Object> found = new LinkedHashMap<>();
        for (String option : OPTIONS) {
            Optional<String> value = pc.resolveProperty(PREFIX + name + "." + option)
                    .or(() -> pc.resolveProperty(PREFIX + name + "." + kebab(option)));
            value.ifPresent(v -> found.put(option, v));
        }
        return found;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
