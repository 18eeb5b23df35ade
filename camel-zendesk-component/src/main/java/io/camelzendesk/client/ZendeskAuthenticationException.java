package io.camelzendesk.client;

/**
 * HTTP 401: the credentials were refused (missing, wrong or expired). The message says which kind of credentials
 * ({@link #getCredentials()}), never their values.
 */
public class ZendeskAuthenticationException extends ZendeskApiException {

    private final String credentials;

    public ZendeskAuthenticationException(ZendeskError error) {
        this(error, null);
    }

    /**
     * @param credentials the kind of credentials refused, e.g. {@code API token (email/token)} (never a value)
     */
    public ZendeskAuthenticationException(ZendeskError error, String credentials) {
        super(error, credentials == null ? null : "The credentials refused: " + credentials);
        this.credentials = credentials;
    }

    /**
     * The kind of credentials Zendesk refused: {@code API token (email/token)}, {@code OAuth access token},
     * {@code OAuth client credentials} or {@code token provider}; null when unknown.
     */
    public String getCredentials() {
        return credentials;
    }
}
