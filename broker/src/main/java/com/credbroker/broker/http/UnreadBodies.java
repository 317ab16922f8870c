package com.credbroker.broker.http;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads and discards what is left of the body of a request refused before its body was read (too large, wrong
 * content type, no key, no such route). Without it Jetty closes the connection while the client is still
 * sending, and a client that meets the reset while writing (the JDK's HttpClient does) loses the answer and
 * reports an I/O error instead of the 413 or 415. Bounded in bytes and time, and it never blocks on a read:
 * it stops as soon as nothing more has arrived for a short while (a client that stalls, or announced more than
 * it sends), and that client gets its answer and the close, as before.
 */
final class UnreadBodies {
    /** More than any body the API accepts; a client sending more than this gets the close, not the answer. */
    static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;
    private static final long MAX_DRAIN_NANOS = 2_000_000_000L;
    /** How long without a new byte counts as the client having stopped sending. */
    private static final long STALL_NANOS = 20_000_000L;
    private static final long WAIT_NANOS = 1_000_000L;

    private UnreadBodies() {
    }

    static void drain(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared == 0 || declared > MAX_DRAIN_BYTES
                || declared < 0 && request.getHeader("Transfer-Encoding") == null) {
            return;
        }
        try {
            ServletInputStream body = request.getInputStream();
            byte[] discard = new byte[8192];
            long read = 0;
            long deadline = System.nanoTime() + MAX_DRAIN_NANOS;
            long lastProgress = System.nanoTime();
            while (!body.isFinished() && read <= MAX_DRAIN_BYTES && System.nanoTime() < deadline) {
                int available = body.available();
                if (available <= 0) {
                    if (System.nanoTime() - lastProgress > STALL_NANOS) {
                        return;
                    }
                    LockSupport.parkNanos(WAIT_NANOS); // the rest is still on its way
                    continue;
                }
                int n = body.read(discard, 0, Math.min(available, discard.length));
                if (n < 0) {
                    return;
                }
                read += n;
                lastProgress = System.nanoTime();
            }
        } catch (IOException | IllegalStateException e) {
            // the body was read as characters, or the client went away: nothing left to keep the connection for
        }
    }
}
