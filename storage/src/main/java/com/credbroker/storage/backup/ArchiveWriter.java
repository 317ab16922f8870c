package com.credbroker.storage.backup;

import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.PassphraseKdf;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an archive: zip entries, then the {@link ArchiveTrailer} as the zip's comment, then the HMAC of every
 * byte before the tag written into the tag's place. Refuses (and deletes the file) when the result would be
 * larger than a restore accepts.
 */
final class ArchiveWriter implements AutoCloseable {
    /** What one entry writes. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path file;
    private final BackupLimits limits;
    private final ZipOutputStream zip;
    private long inflated;
    private int entries;
    private boolean finished;

    private ArchiveWriter(Path file, BackupLimits limits, ZipOutputStream zip) {
        this.file = file;
        this.limits = limits;
        this.zip = zip;
    }

    /** Creates {@code file} (which must not exist; mode 0600 where POSIX). */
    static ArchiveWriter create(Path file, Optional<PassphraseKdf> kdf, BackupLimits limits) throws IOException {
        // created 0600, never readable by others even for an instant
        FileAttribute<?>[] privateFile = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), privateFile));
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setComment(ArchiveTrailer.unsigned(kdf));
        return new ArchiveWriter(file, limits, zip);
    }

    void entry(String name, Body body) throws IOException {
        if (++entries > limits.maxEntries()) {
            throw new BackupRefusedException("the database has more tables than an archive may hold");
        }
        zip.putNextEntry(new ZipEntry(name));
        body.writeTo(new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                count(len);
                zip.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                count(1);
                zip.write(b);
            }

            @Override
            public void close() {
                // the entry ends with closeEntry, the zip with finish
            }
        });
        zip.closeEntry();
    }

    private void count(long bytes) {
        inflated += bytes;
        if (inflated > limits.maxInflatedBytes()) {
            throw tooLarge();
        }
    }

    /** Closes the zip, checks the bounds a restore applies, and signs. */
    void finish(ArchiveKey key) throws IOException {
        zip.close();
        long size = Files.size(file);
        if (size > limits.maxArchiveBytes() || inflated > limits.maxInflatedBytes(size)) {
            throw tooLarge();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] tag = ArchiveCopy.mac(channel, size - ArchiveTrailer.TAG_CHARS, key.newMac());
            ByteBuffer hex = ByteBuffer.wrap(HexFormat.of().formatHex(tag).getBytes(StandardCharsets.US_ASCII));
            channel.position(size - ArchiveTrailer.TAG_CHARS);
            while (hex.hasRemaining()) {
                channel.write(hex);
            }
            channel.force(true);
        }
        finished = true;
    }

    private static BackupRefusedException tooLarge() {
        return new BackupRefusedException("the database is larger than a backup archive may be; see the backup"
                + " limits in the README");
    }

    /** Closes; an archive that was not finished is deleted. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                zip.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
