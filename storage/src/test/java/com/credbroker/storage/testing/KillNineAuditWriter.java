package com.credbroker.storage.testing;

import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.FileAuditLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process for the audit durability test: opens a {@link FileAuditLog} on the data directory
 * {@code args[0]} and appends from several threads forever (so batches hold several records),
 * printing {@code ack <seq>} after each future completes. The parent kills it with SIGKILL.
 */
public final class KillNineAuditWriter {
    private static final int THREADS = 8;

    private KillNineAuditWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        FileAuditLog audit = new FileAuditLog(Path.of(args[0]));
        PrintStream out = System.out;
        for (int t = 0; t < THREADS; t++) {
            String connection = "conn_kill_" + t;
            Thread appender = new Thread(() -> {
                for (long i = 0; ; i++) {
                    long seq = audit.append(new AuditEntry(Instant.now(), "key_kill", "credential.read", connection,
                            "success", "req_" + i)).join().seq();
                    synchronized (out) {
                        out.println("ack " + seq);
                        out.flush();
                    }
                }
            });
            appender.start();
        }
        Thread.currentThread().join(); // until killed
    }
}
