package com.credbroker.broker.backup;

import com.credbroker.config.DatabaseConfig;
import com.credbroker.config.Secret;
import com.credbroker.storage.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/** Moving a staged restore into place, and undoing a restore that failed part-way. */
final class StagingDirectory {
    private StagingDirectory() {
    }

    static void moveInto(Path staging, Path dataDir) throws IOException {
        BackupService.privateDirectory(dataDir);
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.move(file, dataDir.resolve(file.getFileName().toString()));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Drops everything the restore created in the PostgreSQL schema, which held no table before it began
     * (the restore refuses any other), so the schema is empty again.
     */
    static void emptySchema(DatabaseConfig target) {
        Flyway.configure()
                .dataSource(Database.jdbcUrl(target), target.user().orElse(null),
                        target.password().map(Secret::reveal).orElse(null))
                .cleanDisabled(false).load().clean();
    }
}
