package com.credbroker.broker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The batching access-log writer: what a request queues is written once, in order, as the request saw it. */
class AccessLogWriterTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLogWriter.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AccessLogWriter writer = AccessLogWriter.shared();

    @BeforeEach
    void attach() {
        writer.flush(); // nothing of an earlier test
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void queuedLinesAreWrittenOnceInOrderWithTheRequestsThreadAndTime() throws Exception {
        long before = System.currentTimeMillis();
        Thread request = new Thread(() -> {
            writer.add(new AccessLogWriter.Line("GET", "/health/live", 200, 3, "-", "req_1"));
            writer.add(new AccessLogWriter.Line("POST", "/v1/x", 201, 7, "key_1", "req_2"));
        }, "request-thread-1");
        request.start();
        request.join();

        writer.flush();
        writer.flush();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "method=GET route=/health/live status=200 duration_ms=3 key_id=- request_id=req_1",
                "method=POST route=/v1/x status=201 duration_ms=7 key_id=key_1 request_id=req_2");
        assertThat(lines.list).allSatisfy(line -> {
            assertThat(line.getThreadName()).isEqualTo("request-thread-1");
            assertThat(line.getTimeStamp()).isBetween(before, System.currentTimeMillis());
        });
    }

    @Test
    void theQueueNeverHoldsMoreThanItsCapacityAndNoLineIsDropped() {
        List<ILoggingEvent> seen = lines.list;
        int most = 0;
        for (int i = 0; i < 3 * AccessLogWriter.CAPACITY; i++) {
            writer.add(new AccessLogWriter.Line("GET", "/r", 200, 0, "-", "req_" + i));
            most = Math.max(most, writer.waiting());
        }

        // a request that finds the queue full writes it itself: it waits rather than grow the queue or drop
        assertThat(most).isLessThan(AccessLogWriter.CAPACITY);
        writer.flush();
        assertThat(seen).hasSize(3 * AccessLogWriter.CAPACITY);
        assertThat(seen.get(seen.size() - 1).getFormattedMessage()).endsWith("request_id=req_"
                + (3 * AccessLogWriter.CAPACITY - 1));
    }
}
