package com.credbroker.broker.backup;

import com.credbroker.broker.http.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * A consistent copy of the embedded H2 database while the broker serves: H2's {@code BACKUP TO} reads a
 * snapshot (MVCC), so writes continue and the copy holds each transaction wholly or not at all. The archive
 * is written under {@code <data dir>/backups} (0700, file 0600) with a name the server makes up; nothing
 * from a request reaches the path. Payloads stay encrypted: the copy opens only with the same master key.
 * PostgreSQL deployments back up with {@code pg_dump} instead.
 */
public final class BackupService {
    private final DataSource dataSource;
    private final Path backupDir;
    private final boolean embedded;
    private final Clock clock;
    private final RandomGenerator random;

    public BackupService(DataSource dataSource, Path dataDir, boolean embedded, Clock clock, RandomGenerator random) {
        this.dataSource = dataSource;
        this.backupDir = dataDir.resolve("backups");
        this.embedded = embedded;
        this.clock = clock;
        this.random = random;
    }

    /** Writes a new archive and returns its path; the caller moves or deletes it. */
    public Path create() {
        if (!embedded) {
            throw new ApiException(409, "backup_unsupported",
                    "backups of a PostgreSQL database are taken with pg_dump, not by the broker");
        }
        Path archive = backupDir.resolve("credbroker-" + clock.millis() + "-"
                + HexFormat.of().toHexDigits(random.nextLong()) + ".zip");
        try (Connection connection = dataSource.getConnection()) {
            privateDirectory(backupDir);
            backupTo(connection, archive);
            return archive;
        } catch (SQLException e) {
            throw new IllegalStateException("the database backup failed", e);
        }
    }

    /** H2's online backup of the database {@code connection} is open on, into a new zip {@code archive}. */
    public static void backupTo(Connection connection, Path archive) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BACKUP TO '" + archive.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        restrictFile(archive);
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

    static void restrictFile(Path file) {
        try {
            if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
