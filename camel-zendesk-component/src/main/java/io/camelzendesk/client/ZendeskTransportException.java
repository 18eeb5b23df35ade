package io.camelzendesk.client;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/**
 * The request could not be completed at the transport level (connection refused, timeout, reset) after the
 * retries the policy allowed. The message names the server ({@code scheme://host:port}) it tried to reach.
 */
public class ZendeskTransportException extends ZendeskException {

    private final String method;
    private final String path;
    private final int attempts;
    private final String server;

    public ZendeskTransportException(String method, String path, int attempts, Throwable cause) {
        this(method, path, null, attempts, cause);
    }

    /**
     * @param server {@code scheme://host:port} of the server the request went to (null when unknown)
     */
    public ZendeskTransportException(String method, String path, String server, int attempts, Throwable cause) {
        super(method + " " + path + " failed after " + attempts + " attempt(s): " + describe(cause, server), cause);
        this.method = method;
        this.path = path;
        this.attempts = attempts;
        this.server = server;
    }

    /** What went wrong, naming the server: never a credential, never a query string. */
    static String describe(Throwable cause, String server) {
        String message = cause.getMessage();
        String detail = cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
        if (server == null) {
            return detail;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect to " + server + " within the connect timeout: " + detail;
        }
        if (cause instanceof ConnectException) {
            return "could not connect to " + server + " (connection refused or unreachable): " + detail;
        }
        return detail + " talking to " + server;
    }

    public String getMethod() {
        return method;
    }

    public String getPath() {
        return path;
    }

    public int getAttempts() {
        return attempts;
    }

    /** {@code scheme://host:port} of the server the request went to, or null. */
    public String getServer() {
        return server;
    }
}
