package com.credbroker.broker.backup;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.storage.backup.BackupLimits;
import com.credbroker.storage.backup.BackupRefusedException;
import com.credbroker.storage.backup.LogicalBackup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * A logical backup of the broker's database while it serves, on H2 and PostgreSQL alike: the rows of its
 * tables as data, read in one snapshot transaction (writes continue; the archive holds each transaction
 * wholly or not at all), authenticated under a key derived from the master key ({@link LogicalBackup}).
 * The archive is written under {@code <data dir>/backups} (0700, file 0600) with a name the server makes up;
 * nothing from a request reaches the path. Payloads stay sealed as they are in the database.
 */
public final class BackupService {
    private final DataSource dataSource;
    private final Path backupDir;
    private final ArchiveSigner signer;
    private final Clock clock;
    private final RandomGenerator random;
    private final AuditService audit;

    public BackupService(DataSource dataSource, Path dataDir, ArchiveSigner signer, Clock clock,
            RandomGenerator random, AuditService audit) {
        this.audit = audit;
        this.dataSource = dataSource;
        this.backupDir = dataDir.resolve("backups");
        this.signer = signer;
        this.clock = clock;
        this.random = random;
    }

    /** Writes a new archive for {@code actor}, records it ({@code backup.create}) and returns its path. */
    public Path create(Actor actor) {
        Path archive = create();
        audit.record(AuditAction.BACKUP_CREATE, actor, null, "success");
        return archive;
    }

    /**
     * Writes a new archive and returns its path; the caller moves or deletes it.
     *
     * @throws BackupRefusedException when the database is too large for an archive
     */
    public Path create() {
        Path archive = backupDir.resolve("credbroker-" + clock.millis() + "-"
                + HexFormat.of().toHexDigits(random.nextLong()) + ".zip");
        privateDirectory(backupDir);
        try (Connection connection = dataSource.getConnection()) {
            write(connection, archive, signer, clock);
            return archive;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the database backup failed", e);
        }
    }

    /** A logical backup of the database {@code connection} is open on, into the new file {@code archive}. */
    public static void write(Connection connection, Path archive, ArchiveSigner signer, Clock clock)
            throws SQLException, IOException {
        LogicalBackup.write(connection, archive, signer.key(), signer.kdf(), clock, BackupLimits.DEFAULTS);
    }

    static void privateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
