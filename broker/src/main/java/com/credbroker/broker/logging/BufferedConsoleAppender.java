package com.credbroker.broker.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * A console appender that writes through its own buffer of {@value #BUFFER_BYTES} bytes, flushed when it
 * fills and when {@link #flush()} is called, instead of one system call per line ({@code System.out} flushes
 * every write). For the access log, whose writer appends a batch of lines and then flushes: a write never
 * splits a line and stays within one pipe buffer, so lines from other loggers are never interleaved with it.
 * Target {@code System.out} (default) or {@code System.err}, as for logback's console appender.
 */
public final class BufferedConsoleAppender extends OutputStreamAppender<ILoggingEvent> {
    static final int BUFFER_BYTES = 4096;

    private String target = "System.out";

    public void setTarget(String target) {
        this.target = target;
    }

    @Override
    public void start() {
        FileDescriptor descriptor = "System.err".equalsIgnoreCase(target.strip()) ? FileDescriptor.err
                : FileDescriptor.out;
        setImmediateFlush(false);
        setOutputStream(new BufferedOutputStream(new FileOutputStream(descriptor), BUFFER_BYTES));
        super.start();
    }

    /** Writes what is buffered. */
    public void flush() {
        streamWriteLock.lock();
        try {
            if (getOutputStream() != null) {
                getOutputStream().flush();
            }
        } catch (IOException | RuntimeException lost) {
            addError("could not flush the access log", lost);
        } finally {
            streamWriteLock.unlock();
        }
    }

    /** Flushes, but never closes the process's standard output or error. */
    @Override
    protected void closeOutputStream() {
        flush();
    }
}
