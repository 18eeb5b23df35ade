package io.camelzendesk.client;

/**
 * The account's OAuth grant cannot give access tokens any more (revoked, expired, or never connected): requests fail
 * at once, without calling Zendesk, until the account is connected again. The message says how; it never holds a
 * token.
 */
public class ZendeskReconnectRequiredException extends ZendeskException {

    public ZendeskReconnectRequiredException(String message) {
        super(message);
    }

    public ZendeskReconnectRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
