package com.credbroker.storage.audit;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.StorageException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Keeps the checkpoint of a trail in a database table (PostgreSQL) in a file of this node's data
 * directory, {@code audit-checkpoint}, sealed under the keyring and replaced atomically (written to a
 * temporary file, then renamed). Mode 0600. Not thread-safe: one writer (the {@link AuditCheckpointer}).
 */
public final class FileAuditCheckpointStore implements AuditCheckpointStore {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;
    private final Cryptographer cryptographer;

    public FileAuditCheckpointStore(Path dataDir, Cryptographer cryptographer) {
        this.file = dataDir.resolve("audit-checkpoint");
        this.cryptographer = cryptographer;
    }

    @Override
    public Optional<AuditCheckpoint> read() {
        try {
            byte[] sealed = Files.readAllBytes(file);
            return Optional.of(SealedCheckpoint.open(cryptographer, sealed, describe()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("audit checkpoint could not be read", e);
        }
    }

    @Override
    public void write(AuditCheckpoint checkpoint) {
        Path temporary = file.resolveSibling("audit-checkpoint.tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createDirectories(file.getParent());
            Files.createFile(temporary, POSIX ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0]);
            Files.write(temporary, SealedCheckpoint.seal(cryptographer, checkpoint));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failure("audit checkpoint could not be written", e);
        }
    }

    @Override
    public String describe() {
        return "the file " + file;
    }

    private static StorageException failure(String message, IOException cause) {
        StorageException failure = new StorageException(message);
        failure.initCause(cause);
        return failure;
    }
}
