package com.credbroker.broker.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.credbroker.broker.http.AccessLog;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every event logged anywhere in this JVM from {@link #start()} until {@link #close()}, for assertions on logs. */
public final class CapturedLogs implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs() {
    }

    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        logs.appender.start();
        root().addAppender(logs.appender);
        return logs;
    }

    /**
     * The events so far, as a snapshot: background threads (the access-log writer, the refresh scheduler) may
     * still be logging. Queued access lines are written first, so they are in it.
     */
    public List<ILoggingEvent> events() {
        return snapshot(appender);
    }

    /** What {@code appender} holds now, queued access lines included, safe while other threads still log. */
    public static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> appender) {
        AccessLog.flush();
        synchronized (appender) { // AppenderBase appends under the appender's own lock
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root().detachAppender(appender);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
