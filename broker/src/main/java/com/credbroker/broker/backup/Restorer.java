package com.credbroker.broker.backup;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Restores a backup archive onto a fresh data directory. The database is unpacked into a staging
 * directory beside the target, opened with the configured master key (a wrong key fails there, before
 * anything reaches the target) and every connection's payload is opened; only then is it moved into the
 * data directory. On any failure the staging directory is deleted and the target is left as it was.
 */
public final class Restorer {
    static final String DATABASE_FILE = "credbroker.mv.db";

    /** What was restored. */
    public record Report(Path dataDir, int connections) {
    }

    /** @param env the broker's environment (master key, data directory); the database must be the embedded default */
    public Report restore(Map<String, String> env, Path archive) throws IOException {
        BrokerConfig target = ConfigLoader.load(env);
        if (env.containsKey("CREDBROKER_DB_URL") || !target.embeddedDatabase()) {
            throw new RestoreException("restore writes the embedded default database; unset CREDBROKER_DB_URL"
                    + " (PostgreSQL is restored with pg_restore)");
        }
        if (Database.databaseExists(target)) {
            throw new RestoreException("the data directory " + target.dataDir() + " already holds a database;"
                    + " restore onto a fresh one");
        }
        Path parent = target.dataDir().toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, ".credbroker-restore-");
        try {
            unpack(archive, staging);
            int connections = verify(env, staging);
            moveInto(staging, target.dataDir());
            return new Report(target.dataDir(), connections);
        } finally {
            deleteTree(staging);
        }
    }

    /** Opens the staged copy like the broker would and reads every payload; returns the connection count. */
    private static int verify(Map<String, String> env, Path staging) {
        Map<String, String> stagedEnv = new HashMap<>(env);
        stagedEnv.put("CREDBROKER_DATA_DIR", staging.toString());
        BrokerConfig staged = ConfigLoader.load(stagedEnv);
        try (BrokerStorage storage = BrokerStorage.open(staged, Clock.systemUTC(), new SecureRandom())) {
            int count = 0;
            String cursor = null;
            do {
                Page<CredentialSummary> page = storage.credentials().list(CredentialFilter.none(), 500, cursor);
                for (CredentialSummary summary : page.items()) {
                    storage.credentials().findByCredentialId(summary.credentialId()); // opens the payload
                    count++;
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            // the archive holds no audit trail: the restored broker starts a new one, whose first record is this
            storage.startAuditTrailAfterRestore("cli:" + System.getProperty("user.name", "unknown"), Clock.systemUTC());
            return count;
        }
    }

    private static void unpack(Path archive, Path staging) throws IOException {
        boolean found = false;
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                // Only the one known file name is taken: no path from the archive reaches the file system.
                if (!entry.isDirectory() && DATABASE_FILE.equals(entry.getName())) {
                    Files.copy(zip, staging.resolve(DATABASE_FILE));
                    BackupService.restrictFile(staging.resolve(DATABASE_FILE));
                    found = true;
                }
            }
        }
        if (!found) {
            throw new RestoreException(archive + " is not a credbroker backup (no " + DATABASE_FILE + " in it)");
        }
    }

    private static void moveInto(Path staging, Path dataDir) throws IOException {
        BackupService.privateDirectory(dataDir);
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.move(file, dataDir.resolve(file.getFileName().toString()));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The restore was refused; the message says why and names no secret. */
    public static final class RestoreException extends RuntimeException {
        public RestoreException(String message) {
            super(message);
        }
    }
}
