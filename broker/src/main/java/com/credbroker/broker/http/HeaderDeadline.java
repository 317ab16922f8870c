package com.credbroker.broker.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request header block has not been completely received within the deadline.
 * Jetty's idle timeout restarts with every byte, so a client that sends one header byte every few seconds
 * would otherwise hold its connection (and a slot under the connection cap) for ever. A sweep every quarter
 * of the deadline looks at each connection's parser: one that has begun a request but not finished its
 * headers is marked with the time first seen so; still the same request a deadline later, it is closed.
 * A connection waiting between requests (parser at its start) is left to the idle timeout. Thread-safe.
 */
public final class HeaderDeadline extends AbstractLifeCycle {
    private final Server server;
    private final long deadlineNanos;
    private final long sweepMillis;
    private final Map<EndPoint, Mark> marks = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    private record Mark(long messagesIn, long since) {
    }

    public HeaderDeadline(Server server, Duration deadline) {
        this.server = server;
        this.deadlineNanos = deadline.toNanos();
        this.sweepMillis = Math.max(10, deadline.toMillis() / 4);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        schedule();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        marks.clear();
        super.doStop();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = server.getScheduler().schedule(this::sweepAndReschedule, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweepAndReschedule() {
        try {
            sweep(System.nanoTime());
        } finally {
            schedule();
        }
    }

    void sweep(long now) {
        marks.keySet().removeIf(endPoint -> !endPoint.isOpen());
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector network) {
                for (EndPoint endPoint : network.getConnectedEndPoints()) {
                    check(endPoint, now);
                }
            }
        }
    }

    private void check(EndPoint endPoint, long now) {
        if (!(endPoint.getConnection() instanceof HttpConnection http) || !inHeaders(http.getParser())) {
            marks.remove(endPoint);
            return;
        }
        Mark mark = marks.merge(endPoint, new Mark(http.getMessagesIn(), now),
                (old, fresh) -> old.messagesIn() == fresh.messagesIn() ? old : fresh);
        if (now - mark.since() >= deadlineNanos) {
            marks.remove(endPoint);
            endPoint.close();
        }
    }

    private static boolean inHeaders(HttpParser parser) {
        return parser.inHeaderState() && !parser.isStart();
    }
}
