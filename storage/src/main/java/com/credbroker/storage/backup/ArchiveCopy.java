package com.credbroker.storage.backup;

import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.PassphraseKdf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * A private copy (mode 0600, in the temporary directory) of an archive that a restore was given, not yet
 * authenticated. Nothing inside it is read until {@link #verify} has checked the HMAC over every byte of the
 * copy; later reads use the same copy, so the file cannot change between the check and the use. Only the
 * fixed-length {@link ArchiveTrailer} is read before that. {@link #close()} deletes the copy.
 */
public final class ArchiveCopy implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final Path copy;
    private final long size;
    private final ArchiveTrailer trailer;
    private final BackupLimits limits;

    private ArchiveCopy(Path copy, long size, ArchiveTrailer trailer, BackupLimits limits) {
        this.copy = copy;
        this.size = size;
        this.trailer = trailer;
        this.limits = limits;
    }

    /**
     * Copies {@code archive}, at most {@link BackupLimits#maxArchiveBytes()} of it, and reads its trailer.
     *
     * @throws BackupRefusedException when it is larger, or has no trailer
     */
    public static ArchiveCopy of(Path archive, BackupLimits limits) throws IOException {
        Path copy = Files.createTempFile("credbroker-restore-", ".zip");
        try {
            if (copy.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            }
            long size = copyAtMost(archive, copy, limits.maxArchiveBytes());
            if (size < ArchiveTrailer.LENGTH) {
                throw ArchiveTrailer.notABackup();
            }
            return new ArchiveCopy(copy, size, ArchiveTrailer.parse(lastBytes(copy, size)), limits);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    private static long copyAtMost(Path from, Path to, long max) throws IOException {
        long copied = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                copied += n;
                if (copied > max) {
                    throw new BackupRefusedException("the archive is larger than " + max + " bytes, the most a"
                            + " restore accepts");
                }
                out.write(buffer, 0, n);
            }
        }
        return copied;
    }

    private static byte[] lastBytes(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(ArchiveTrailer.LENGTH);
            channel.position(size - ArchiveTrailer.LENGTH);
            while (last.hasRemaining() && channel.read(last) >= 0) {
                // fill
            }
            return last.array();
        }
    }

    /** The passphrase KDF the archive names (unauthenticated; only an input to deriving the key). */
    public Optional<PassphraseKdf> passphraseKdf() {
        return trailer.passphraseKdf();
    }

    /**
     * Checks the HMAC over the whole copy under {@code key}, then the archive's structure and bounds.
     *
     * @throws BackupRefusedException when the archive was not made under this key, was changed, or is malformed
     */
    public VerifiedArchive verify(ArchiveKey key) throws IOException {
        byte[] expected;
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.READ)) {
            expected = mac(channel, size - ArchiveTrailer.TAG_CHARS, key.newMac());
        }
        if (!MessageDigest.isEqual(expected, trailer.tag())) {
            throw new BackupRefusedException("the archive is not authentic: it was not made under this master key,"
                    + " or it was changed after it was made");
        }
        return VerifiedArchive.open(copy, size, limits);
    }

    /** The HMAC of the first {@code length} bytes the channel reads from position 0. */
    static byte[] mac(FileChannel channel, long length, Mac mac) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        channel.position(0);
        long left = length;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(BUFFER, left));
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("the archive ended early");
            }
            buffer.flip();
            mac.update(buffer);
            left -= n;
        }
        return mac.doFinal();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(copy);
    }
}
