package io.camelzendesk.component.export;

import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/**
 * An exception handler that passes on every failure but the one the export consumer already reported: a failed poll
 * is logged by the consumer once per change of state, and a failed exchange was handed to the handler with its
 * exchange; Camel's poll loop then reports the same failure again (with a stack trace), on every poll.
 */
final class UnlessReported implements ExceptionHandler {

    private final ExceptionHandler handler;
    private final Supplier<Throwable> reported;

    UnlessReported(ExceptionHandler handler, Supplier<Throwable> reported) {
        this.handler = handler;
        this.reported = reported;
    }

    @Override
    public void handleException(Throwable exception) {
        if (exception != reported.get()) {
            handler.handleException(exception);
        }
    }

    @Override
    public void handleException(String message, Throwable exception) {
        if (exception != reported.get()) {
            handler.handleException(message, exception);
        }
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception != reported.get()) {
            handler.handleException(message, exchange, exception);
        }
    }
}
