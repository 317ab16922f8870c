package com.credbroker.broker;

import com.credbroker.config.BrokerConfig;
import com.credbroker.storage.apikey.JdbcApiKeyRepository;
import com.credbroker.storage.audit.JdbcAuditLog;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.KeyringService;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.crypto.MasterKeySource;
import com.credbroker.storage.crypto.Rewrapper;
import com.credbroker.storage.db.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The storage stack in start-up order: master key, key check on a read-only connection (a wrong key
 * changes nothing), migrations, keyring, repositories, audit log, background rewrap.
 */
public final class BrokerStorage implements AutoCloseable {
    private final Database database;
    private final KeyringService keyring;
    private final Cryptographer cryptographer;
    private final JdbcCredentialRepository credentials;
    private final JdbcApiKeyRepository apiKeys;
    private final JdbcAuditLog auditLog;
    private final Rewrapper rewrapper;

    private BrokerStorage(BrokerConfig config, Clock clock, SecureRandom random) throws Exception {
        BouncyCastleProvider provider = new BouncyCastleProvider();
        MasterKey masterKey = MasterKeySource.resolve(config, random);
        if (Database.databaseExists(config)) {
            try (Connection readOnly = Database.openReadOnly(config)) {
                KeyringService.verifyMasterKey(readOnly, masterKey, provider);
            }
        }
        this.database = Database.open(config);
        this.keyring = KeyringService.open(database.dataSource(), masterKey, config, clock, random, provider);
        this.cryptographer = keyring.cryptographer();
        this.credentials = new JdbcCredentialRepository(database.dataSource(), cryptographer);
        this.apiKeys = new JdbcApiKeyRepository(database.dataSource());
        this.auditLog = new JdbcAuditLog(database.dataSource());
        this.rewrapper = new Rewrapper(keyring, List.of(credentials), config.rewrapInterval());
    }

    public static BrokerStorage open(BrokerConfig config, Clock clock, SecureRandom random) throws Exception {
        return new BrokerStorage(config, clock, random);
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

    public JdbcAuditLog auditLog() {
        return auditLog;
    }

    public Rewrapper rewrapper() {
        return rewrapper;
    }

    @Override
    public void close() {
        rewrapper.close();
        auditLog.close();
        keyring.close();
        database.close();
    }
}
