package io.camelzendesk.client;

/**
 * The request could not be completed at the transport level (connection refused, timeout, reset) after the
 * retries the policy allowed.
 */
public class ZendeskTransportException extends ZendeskException {

    private final String method;
    private final String path;
    private final int attempts;

    public ZendeskTransportException(String method, String path, int attempts, Throwable cause) {
        super(method + " " + path + " failed after " + attempts + " attempt(s): " + describe(cause), cause);
        this.method = method;
        this.path = path;
        this.attempts = attempts;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
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
}
