package com.credbroker.broker.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines in batches on one background thread, so that a request pays for a queue insert
 * only: no logging event, no lock, no thread wake-up and no system call on the request thread. The thread
 * wakes every {@value #INTERVAL_MILLIS} ms (or when {@value #CAPACITY} lines wait), hands each line to the
 * {@value #LOGGER} logger with the time the request finished, then flushes the logger's
 * {@link BufferedConsoleAppender}s: a line reaches the log within about that interval. When
 * {@value #CAPACITY} lines wait, requests wait for the writer rather than lose lines (as the asynchronous
 * appender it replaces did). A process killed with {@code kill -9} loses at most the last interval's lines.
 */
public final class AccessLogWriter {
    public static final String LOGGER = "credbroker.access";
    static final long INTERVAL_MILLIS = 50;
    static final int CAPACITY = 16_384;
    private static final String FORMAT = "{} {} {} {} {} {}";
    private static final AccessLogWriter SHARED = new AccessLogWriter();

    private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock writing = new ReentrantLock();
    private volatile Thread thread;

    /** One request's line. */
    public record Line(String method, String route, int status, long durationMillis, String keyId,
            String requestId) {
    }

    private record Entry(Line line, long epochMillis, String threadName) {
    }

    public static AccessLogWriter shared() {
        return SHARED;
    }

    /** Queues a line; waits only when {@value #CAPACITY} lines are already queued. */
    public void add(Line line) {
        queue.add(new Entry(line, System.currentTimeMillis(), Thread.currentThread().getName()));
        if (waiting.incrementAndGet() >= CAPACITY) {
            flush();
        }
        if (thread == null) {
            startThread();
        }
    }

    /** How many lines wait to be written. */
    int waiting() {
        return waiting.get();
    }

    /** Writes every queued line now, from the calling thread. */
    public void flush() {
        writing.lock();
        try {
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
            boolean wrote = false;
            for (Entry entry = queue.poll(); entry != null; entry = queue.poll()) {
                waiting.decrementAndGet();
                if (logger.isInfoEnabled()) {
                    logger.callAppenders(event(logger, entry));
                    wrote = true;
                }
            }
            if (wrote) {
                flushAppenders(logger);
            }
        } finally {
            writing.unlock();
        }
    }

    private synchronized void startThread() {
        if (thread != null) {
            return;
        }
        Thread writer = new Thread(this::run, "access-log");
        writer.setDaemon(true);
        writer.start();
        thread = writer;
    }

    private void run() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
            try {
                flush();
            } catch (RuntimeException unexpected) {
                LoggerFactory.getLogger(AccessLogWriter.class).warn("access log lines could not be written: {}",
                        unexpected.getClass().getSimpleName());
            }
        }
    }

    private static LoggingEvent event(Logger logger, Entry entry) {
        Line line = entry.line();
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, FORMAT, null, new Object[] {
            kv("method", line.method()), kv("route", line.route()), kv("status", line.status()),
            kv("duration_ms", line.durationMillis()), kv("key_id", line.keyId()),
            kv("request_id", line.requestId())});
        event.setInstant(Instant.ofEpochMilli(entry.epochMillis()));
        event.setThreadName(entry.threadName());
        event.setMDCPropertyMap(Map.of());
        return event;
    }

    private static void flushAppenders(Logger logger) {
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = logger.iteratorForAppenders();
                it.hasNext(); ) {
            if (it.next() instanceof BufferedConsoleAppender buffered) {
                buffered.flush();
            }
        }
    }
}
