package io.camelzendesk.client;

/**
 * Base of every exception raised by the Zendesk client. Messages never contain credentials.
 */
public class ZendeskException extends RuntimeException {

    public ZendeskException(String message) {
        super(message);
    }

    public ZendeskException(String message, Throwable cause) {
        super(message, cause);
    }
}
