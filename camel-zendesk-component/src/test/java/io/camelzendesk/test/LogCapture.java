package io.camelzendesk.test;

import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Captures every log line (all loggers, DEBUG and up) while open, with exceptions and their causes. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
        super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    }

    public static LogCapture capture() {
        LogCapture capture = new LogCapture();
        capture.start0();
        return capture;
    }

    private void start0() {
        start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        for (LoggerConfig lc : config.getLoggers().values()) {
            lc.addAppender(this, Level.ALL, null);
        }
        config.getRootLogger().addAppender(this, Level.ALL, null);
        ctx.updateLoggers();
    }

    @Override
    public synchronized void append(LogEvent event) {
        StringBuilder sb = new StringBuilder(event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t);
        }
        lines.add(sb.toString());
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        for (LoggerConfig lc : config.getLoggers().values()) {
            lc.removeAppender(getName());
        }
        config.getRootLogger().removeAppender(getName());
        ctx.updateLoggers();
        stop();
    }
}
