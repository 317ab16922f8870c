package com.credbroker.broker;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.backup.ArchiveSigner;
import com.credbroker.broker.keyring.KeyringOperations;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.DatabaseConfig;
import com.credbroker.storage.apikey.JdbcApiKeyRepository;
import com.credbroker.config.AuditConfig;
import com.credbroker.storage.audit.AuditCheckpointer;
import com.credbroker.storage.audit.AuditLog;
import com.credbroker.storage.audit.AuditTrailShortenedException;
import com.credbroker.storage.audit.CheckpointedAuditLog;
import com.credbroker.storage.audit.FileAuditCheckpointStore;
import com.credbroker.storage.audit.FileAuditLog;
import com.credbroker.storage.audit.JdbcAuditCheckpointStore;
import com.credbroker.storage.audit.JdbcAuditLog;
import com.credbroker.storage.authconfig.JdbcAuthConfigRepository;
import com.credbroker.storage.connect.JdbcConnectStore;
import com.credbroker.storage.connect.JdbcReconnectStore;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.JdbcKeyringRepository;
import com.credbroker.storage.crypto.KeyringMeta;
import com.credbroker.storage.crypto.KeyringService;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.crypto.MasterKeySource;
import com.credbroker.storage.crypto.Rewrapper;
import com.credbroker.storage.crypto.RowAdoption;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.db.ReadOnlyDataSource;
import com.credbroker.storage.connectioncheck.JdbcConnectionCheckRepository;
import com.credbroker.storage.refresh.JdbcRefreshStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The storage stack in start-up order: master key, key check on a read-only connection (a wrong key
 * changes nothing), migrations, keyring, repositories (and the one-time adoption of rows that predate row
 * authentication), audit log, background rewrap.
 */
public final class BrokerStorage implements AutoCloseable {
    private final Database database;
    private final KeyringService keyring;
    private final JdbcCredentialRepository credentials;
    private final JdbcApiKeyRepository apiKeys;
    private final JdbcAuthConfigRepository authConfigs;
    private final JdbcRefreshStore refreshStore;
    private final JdbcConnectStore connectStore;
    private final JdbcReconnectStore reconnectStore;
    private final JdbcConnectionCheckRepository connectionChecks;
    private final CheckpointedAuditLog auditLog;
    private final Rewrapper rewrapper;
    private final ArchiveSigner archiveSigner;

    private BrokerStorage(Database database, KeyringService keyring, Cryptographer cryptographer, BrokerConfig config,
            ArchiveSigner archiveSigner) {
        this.database = database;
        this.archiveSigner = archiveSigner;
        this.keyring = keyring;
        this.credentials = new JdbcCredentialRepository(database.dataSource(), cryptographer);
        this.apiKeys = new JdbcApiKeyRepository(database.dataSource(), cryptographer);
        this.authConfigs = new JdbcAuthConfigRepository(database.dataSource(), cryptographer);
        this.refreshStore = new JdbcRefreshStore(database.dataSource(), cryptographer);
        refreshStore.backfillRefreshTokenFlags();
        new RowAdoption(database.dataSource(), Map.of("api_keys", apiKeys::adoptUnsealedRows,
                "auth_configs", authConfigs::adoptUnboundRows, "credentials", credentials::adoptUnboundRows))
                .adoptIfPending();
        this.connectStore = new JdbcConnectStore(database.dataSource());
        this.reconnectStore = new JdbcReconnectStore(database.dataSource(), cryptographer);
        this.connectionChecks = new JdbcConnectionCheckRepository(database.dataSource());
        this.auditLog = auditLog(config.database(), config.audit(), database, cryptographer);
        this.rewrapper = new Rewrapper(keyring, List.of(credentials, authConfigs), config.crypto().rewrapInterval());
    }

    /**
     * The embedded default keeps its audit trail in append-only segment files beside the database: a
     * durable append costs one write per group-committed batch, where an H2 commit would cap lookups.
     * A shared database keeps it in the {@code audit_log} table so every node appends to one chain.
     * The trail's checkpoint is kept where the trail is not: in the database for segment files, in the
     * node's data directory for the table.
     */
    private static CheckpointedAuditLog auditLog(DatabaseConfig config, AuditConfig audit, Database database,
            Cryptographer cryptographer) {
        AuditCheckpointer checkpointer = new AuditCheckpointer(config.embedded()
                ? new JdbcAuditCheckpointStore(database.dataSource(), cryptographer)
                : new FileAuditCheckpointStore(config.dataDir(), cryptographer));
        try {
            AuditLog trail = config.embedded()
                    ? new FileAuditLog(config.dataDir(), new FileAuditLog.Options(audit.segmentBytes(),
                            audit.segmentAge(), false, audit.retention(), audit.maxBytes()), checkpointer)
                    : new JdbcAuditLog(database.dataSource());
            return new CheckpointedAuditLog(trail, checkpointer);
        } catch (RuntimeException e) {
            checkpointer.close();
            throw e;
        }
    }

    /**
     * A database restored next to a new, empty trail: its checkpoint names the old trail's records, which
     * a backup does not carry. The checkpoint is reset to the new trail and the restore is its first
     * record ({@code backup.restore} by {@code actor}), so the restored broker starts on a complete trail.
     */
    public void startAuditTrailAfterRestore(String actor, Clock clock) {
        auditLog.acceptShortened(new com.credbroker.storage.audit.AuditEntry(clock.instant(), actor, AuditAction.BACKUP_RESTORE.wireName(),
                null, "success", null));
    }

    /** Refuses a shortened audit trail (see {@link CheckpointedAuditLog#shortened()}): serving on it would hide the cut. */
    public void requireCompleteAuditTrail() {
        auditLog.shortened().ifPresent(problem -> {
            throw new AuditTrailShortenedException(problem);
        });
    }

    public static BrokerStorage open(BrokerConfig config, Clock clock, SecureRandom random) {
        BouncyCastleProvider provider = new BouncyCastleProvider();
        MasterKey masterKey = verifiedMasterKey(config, clock, random, provider);
        Database database = Database.open(config.database());
        try {
            KeyringService keyring = new KeyringService(new JdbcKeyringRepository(database.dataSource()), masterKey,
                    provider, random, clock, config.crypto().keyTermMaxEncryptions());
            return new BrokerStorage(database, keyring, keyring.open(), config, ArchiveSigner.of(masterKey));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Resolves the master key and, for an existing database, proves it without writing anything. */
    public static MasterKey verifiedMasterKey(BrokerConfig config, Clock clock, SecureRandom random,
            BouncyCastleProvider provider) {
        DatabaseConfig database = config.database();
        if (!Database.databaseExists(database)) {
            return new MasterKeySource(random).resolve(config.crypto(), database, Optional::empty);
        }
        JdbcKeyringRepository readOnly = new JdbcKeyringRepository(new ReadOnlyDataSource(database));
        MasterKey masterKey = new MasterKeySource(random)
                .resolveForExisting(config.crypto(), database, () -> readOnly.findMeta().flatMap(KeyringMeta::kdf));
        new KeyringService(readOnly, masterKey, provider, random, clock, config.crypto().keyTermMaxEncryptions())
                .verifyMasterKey();
        return masterKey;
    }

    public Database database() {
        return database;
    }

    public KeyringService keyring() {
        return keyring;
    }

    public JdbcCredentialRepository credentials() {
        return credentials;
    }

    public JdbcApiKeyRepository apiKeys() {
        return apiKeys;
    }

    public JdbcAuthConfigRepository authConfigs() {
        return authConfigs;
    }

    public JdbcRefreshStore refreshStore() {
        return refreshStore;
    }

    public JdbcConnectStore connectStore() {
        return connectStore;
    }

    /** Reconnects in place (issue 17 item 6). */
    public JdbcReconnectStore reconnectStore() {
        return reconnectStore;
    }

    public JdbcConnectionCheckRepository connectionChecks() {
        return connectionChecks;
    }

    public CheckpointedAuditLog auditLog() {
        return auditLog;
    }

    /** The key that authenticates backups taken by this broker (derived from its master key). */
    public ArchiveSigner archiveSigner() {
        return archiveSigner;
    }

    public Rewrapper rewrapper() {
        return rewrapper;
    }

    /** Keyring operations for the admin API: rotation there and in the CLI is the same function. */
    public KeyringOperations keyringOperations(java.util.concurrent.Executor background) {
        return new KeyringOperations() {
            @Override
            public int activeTerm() {
                return keyring.cryptographer().keyring().activeTerm();
            }

            @Override
            public int rotate() {
                int term = keyring.rotate();
                background.execute(rewrapper::rewrapNow);
                return term;
            }

            @Override
            public long pendingRewrap() {
                return credentials.countBelowTerm(activeTerm()) + authConfigs.countBelowTerm(activeTerm());
            }
        };
    }

    @Override
    public void close() {
        rewrapper.close();
        auditLog.close();
        keyring.close();
        database.close();
    }
}
