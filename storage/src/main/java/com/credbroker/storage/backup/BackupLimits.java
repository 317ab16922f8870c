package com.credbroker.storage.backup;

/**
 * Bounds on what a restore reads from an archive, checked while reading (never taken from the archive's own
 * headers): the archive's size, its number of entries, the bytes its entries inflate to (an absolute bound
 * and one relative to the archive's size, so a small archive that inflates a thousandfold is refused after
 * a few megabytes) and the length of one row. A backup refuses to write what a restore would refuse to read.
 *
 * @param maxArchiveBytes  largest archive file accepted
 * @param maxEntries       most zip entries accepted
 * @param maxInflatedBytes most bytes all entries may inflate to, whatever the archive's size
 * @param inflationRatio   entries may inflate to at most this many times the archive's size ...
 * @param inflationSlack   ... plus this many bytes
 * @param maxLineBytes     longest row (one JSON line)
 */
public record BackupLimits(long maxArchiveBytes, int maxEntries, long maxInflatedBytes, int inflationRatio,
        long inflationSlack, int maxLineBytes) {
    private static final long MIB = 1024 * 1024;

    /** 1 GiB archives, 64 entries, 4 GiB inflated (and at most 16 x the archive + 64 MiB), 8 MiB rows. */
    public static final BackupLimits DEFAULTS = new BackupLimits(1024 * MIB, 64, 4096 * MIB, 16, 64 * MIB,
            (int) (8 * MIB));

    /** The most bytes the entries of an archive of {@code archiveBytes} may inflate to. */
    public long maxInflatedBytes(long archiveBytes) {
        long relative = archiveBytes > (Long.MAX_VALUE - inflationSlack) / inflationRatio ? Long.MAX_VALUE
                : archiveBytes * inflationRatio + inflationSlack;
        return Math.min(maxInflatedBytes, relative);
    }
}
