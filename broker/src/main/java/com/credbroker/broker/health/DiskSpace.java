package com.credbroker.broker.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Free space on the file system of the data directory (where the database and the audit trail grow).
 * As a readiness check it is down below the hard floor ({@code CREDBROKER_DISK_MIN_BYTES}): the audit is
 * fail-closed, so a full disk would refuse every lookup anyway; below the warning threshold
 * ({@code CREDBROKER_DISK_LOW_BYTES}) it stays up and adds a warning. Thread-safe.
 */
public final class DiskSpace implements HealthRoutes.WarningCheck {
    private final LongSupplier freeBytes;
    private final long lowBytes;
    private final long minBytes;

    public DiskSpace(Path dataDir, long lowBytes, long minBytes) {
        this(() -> usable(dataDir), lowBytes, minBytes);
    }

    DiskSpace(LongSupplier freeBytes, long lowBytes, long minBytes) {
        this.freeBytes = freeBytes;
        this.lowBytes = lowBytes;
        this.minBytes = minBytes;
    }

    /** Usable bytes now (the metric {@code credbroker.disk.free.bytes}). */
    public long freeBytes() {
        return freeBytes.getAsLong();
    }

    @Override
    public boolean getAsBoolean() {
        return freeBytes() >= minBytes;
    }

    @Override
    public Optional<String> warning() {
        long free = freeBytes();
        if (free >= lowBytes) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "disk: %s free on the data directory's file system, below %s"
                + " (CREDBROKER_DISK_LOW_BYTES); below %s (CREDBROKER_DISK_MIN_BYTES) the broker reports not ready"
                + " and the fail-closed audit trail soon refuses every request", mib(free), mib(lowBytes),
                mib(minBytes)));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static long usable(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
