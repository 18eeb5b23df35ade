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
    private final List<Level> levels = new ArrayList<>();
    private final List<Boolean> thrown = new ArrayList<>();

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
        // additive loggers pass their events on to the root: adding it to them too would capture every line twice
        for (LoggerConfig lc : config.getLoggers().values()) {
            if (!lc.isAdditive() && lc != config.getRootLogger()) {
                lc.addAppender(this, Level.ALL, null);
            }
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
        levels.add(event.getLevel());
        thrown.add(event.getThrown() != null);
    }

    /** The lines logged at the level or a more severe one. */
    public synchronized List<String> lines(Level atLeast) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (levels.get(i).isMoreSpecificThan(atLeast)) {
                out.add(lines.get(i));
            }
        }
        return out;
    }

    /** How many lines at the level or a more severe one carried an exception (a stack trace in a real log). */
    public synchronized long withThrowable(Level atLeast) {
        long n = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (thrown.get(i) && levels.get(i).isMoreSpecificThan(atLeast)) {
                n++;
            }
        }
        return n;
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
