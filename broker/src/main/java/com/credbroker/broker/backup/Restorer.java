package com.credbroker.broker.backup;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.CryptoConfig;
import com.credbroker.config.DatabaseConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.storage.backup.ArchiveCopy;
import com.credbroker.storage.backup.BackupLimits;
import com.credbroker.storage.backup.BackupRefusedException;
import com.credbroker.storage.backup.LogicalRestore;
import com.credbroker.storage.backup.VerifiedArchive;
import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.crypto.MasterKeySource;
import com.credbroker.storage.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Restores a backup archive onto an empty target: a fresh data directory (the embedded default) or an empty
 * PostgreSQL schema. The archive is treated as untrusted input: it is copied privately and its HMAC, under a
 * key derived from the configured master key, is checked over every byte before anything in it is parsed
 * ({@link ArchiveCopy}); an archive made under another key, or changed by one bit, is refused and nothing is
 * written. Then the broker's own migrations build the schema and the rows are inserted as parameters, in one
 * transaction ({@link LogicalRestore}); no SQL and no database file from the archive is ever executed or
 * opened. On H2 this happens in a staging directory beside the target that is moved into place only after
 * every connection's payload has been opened; on PostgreSQL a failure after migrating empties the schema again.
 */
public final class Restorer {
    /** What was restored: where, and how many connections. */
    public record Report(String target, int connections) {
    }

    /** @param env the broker's environment: master key, and the data directory or a PostgreSQL URL */
    public Report restore(Map<String, String> env, Path archive) throws IOException {
        BrokerConfig target = ConfigLoader.load(env);
        boolean postgres = Database.jdbcUrl(target.database()).startsWith("jdbc:postgresql:");
        if (!postgres && (env.containsKey("CREDBROKER_DB_URL") || !target.embeddedDatabase())) {
            throw new RestoreException("restore writes the embedded default database or an empty PostgreSQL"
                    + " schema; unset CREDBROKER_DB_URL or point it at PostgreSQL");
        }
        if (!Files.isRegularFile(archive)) {
            throw new RestoreException("no archive file at " + archive);
        }
        requireEmptyTarget(target.database(), postgres);
        requireMasterKeySource(target.crypto());
        try (ArchiveCopy copy = ArchiveCopy.of(archive, BackupLimits.DEFAULTS)) {
            MasterKey masterKey = new MasterKeySource(new SecureRandom())
                    .resolve(target.crypto(), target.database(), copy::passphraseKdf);
            try (VerifiedArchive verified = copy.verify(ArchiveKey.derive(masterKey))) {
                return postgres ? intoPostgres(target, verified) : intoStagedH2(env, target, verified);
            }
        } catch (BackupRefusedException e) {
            throw new RestoreException(e.getMessage());
        }
    }

    private static void requireEmptyTarget(DatabaseConfig target, boolean postgres) {
        if (!postgres && Database.databaseExists(target)) {
            throw new RestoreException("the data directory " + target.dataDir() + " already holds a database;"
                    + " restore onto a fresh one");
        }
        if (postgres && schemaHasTables(target)) {
            throw new RestoreException("the PostgreSQL schema of CREDBROKER_DB_URL already holds tables;"
                    + " restore into an empty schema");
        }
    }

    private static boolean schemaHasTables(DatabaseConfig target) {
        try (Connection connection = Database.openReadOnly(target);
             ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                     "%", new String[] {"TABLE", "VIEW"})) {
            return tables.next();
        } catch (SQLException e) {
            throw new RestoreException("cannot read the target schema (SQLState " + e.getSQLState() + ")");
        }
    }

    /** Never a generated key: one made now could not open the archive, and would be written into the target. */
    private static void requireMasterKeySource(CryptoConfig target) {
        if (target.masterKey().isEmpty() && target.masterKeyFile().isEmpty() && target.masterPassphrase().isEmpty()) {
            throw new RestoreException("restore needs the master key the backup was made under: set"
                    + " CREDBROKER_MASTER_KEY, CREDBROKER_MASTER_PASSPHRASE or CREDBROKER_MASTER_KEY_FILE (for a"
                    + " generated key, the master.key of the original data directory)");
        }
    }

    private static Report intoStagedH2(Map<String, String> env, BrokerConfig target, VerifiedArchive archive)
            throws IOException {
        Path parent = target.dataDir().toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, ".credbroker-restore-");
        try {
            Map<String, String> stagedEnv = new HashMap<>(env);
            stagedEnv.put("CREDBROKER_DATA_DIR", staging.toString());
            BrokerConfig staged = ConfigLoader.load(stagedEnv);
            try (Database database = Database.open(staged.database())) {
                insert(database.dataSource(), archive);
            }
            int connections = openEveryPayload(staged);
            StagingDirectory.moveInto(staging, target.dataDir());
            return new Report(target.dataDir().toString(), connections);
        } finally {
            StagingDirectory.deleteTree(staging);
        }
    }

    private static Report intoPostgres(BrokerConfig target, VerifiedArchive archive) {
        try {
            try (Database database = Database.open(target.database())) {
                insert(database.dataSource(), archive);
            }
            return new Report("the PostgreSQL schema of CREDBROKER_DB_URL", openEveryPayload(target));
        } catch (RuntimeException e) {
            StagingDirectory.emptySchema(target.database());
            throw e;
        }
    }

    /** One transaction: every row or none. */
    private static void insert(DataSource dataSource, VerifiedArchive archive) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                LogicalRestore.insertInto(connection, archive);
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        } catch (BackupRefusedException | RestoreException e) {
            throw e;
        } catch (SQLException e) {
            throw new RestoreException("the database refused a row of the archive (SQLState " + e.getSQLState()
                    + "); nothing was restored");
        } catch (Exception e) {
            throw new IllegalStateException("the restore failed", e);
        }
    }

    /** Opens the restored database like the broker would and reads every payload; returns the connection count. */
    private static int openEveryPayload(BrokerConfig config) {
        try (BrokerStorage storage = BrokerStorage.open(config, Clock.systemUTC(), new SecureRandom())) {
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

    /** The restore was refused; the message says why and names no secret. */
    public static final class RestoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RestoreException(String message) {
            super(message);
        }
    }
}
