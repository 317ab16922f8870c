package com.credbroker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated, immutable configuration. Built only by {@link ConfigLoader}.
 * {@code toString()} and {@link #describe()} never show a secret. Paths are absolute.
 *
 * @param port                    HTTP port ({@code CREDBROKER_PORT}, 8080; 0 = random)
 * @param dataDir                 data directory ({@code CREDBROKER_DATA_DIR}, ./data)
 * @param dbUrl                   JDBC URL ({@code CREDBROKER_DB_URL}; default: H2 file in the data directory)
 * @param dbUser                  database user ({@code CREDBROKER_DB_USER})
 * @param dbPassword              database password ({@code CREDBROKER_DB_PASSWORD})
 * @param masterKey               base64 of 32 bytes ({@code CREDBROKER_MASTER_KEY})
 * @param masterKeyFile           file holding the base64 master key ({@code CREDBROKER_MASTER_KEY_FILE})
 * @param masterPassphrase        passphrase stretched with Argon2id ({@code CREDBROKER_MASTER_PASSPHRASE})
 * @param adminKey                bootstrap admin API key ({@code CREDBROKER_ADMIN_KEY})
 * @param refresh                 token refresh settings (the {@code CREDBROKER_REFRESH_*} and
 *                                {@code CREDBROKER_TOKEN_*} keys), see {@link RefreshConfig}
 * @param cacheMaxEntries         lookup cache bound ({@code CREDBROKER_CACHE_MAX_ENTRIES}, 10000)
 * @param cacheTtl                upper bound on a cache entry's life ({@code CREDBROKER_CACHE_TTL}, PT5M)
 * @param maxBodyBytes            largest accepted request body ({@code CREDBROKER_MAX_BODY_BYTES}, 65536)
 * @param keyTermMaxEncryptions   rotate the data key after this many encryptions
 *                                ({@code CREDBROKER_KEY_TERM_MAX_ENCRYPTIONS}, 2^31)
 * @param rewrapInterval          how often the background rewrap runs ({@code CREDBROKER_REWRAP_INTERVAL}, PT1M)
 * @param authFailureLimit        failed authentications per client per minute before 429
 *                                ({@code CREDBROKER_AUTH_FAILURE_LIMIT}, 20)
 * @param logFormat               {@code auto}, {@code json} or {@code text} ({@code CREDBROKER_LOG_FORMAT}, auto: text on a
 *                                terminal, else json)
 * @param connect                 OAuth connect flow and connection test settings, see {@link ConnectConfig}
 * @param audit                   audit trail retention, refusal aggregation and disk-space thresholds,
 *                                see {@link AuditConfig}
 * @param server                  listener limits and the management listener, see {@link ServerConfig}
 */
public record BrokerConfig(
        int port,
        Path dataDir,
        String dbUrl,
        Optional<String> dbUser,
        Optional<Secret> dbPassword,
        Optional<Secret> masterKey,
        Optional<Path> masterKeyFile,
        Optional<Secret> masterPassphrase,
        Optional<Secret> adminKey,
        RefreshConfig refresh,
        long cacheMaxEntries,
        Duration cacheTtl,
        int maxBodyBytes,
        long keyTermMaxEncryptions,
        Duration rewrapInterval,
        int authFailureLimit,
        String logFormat,
        ConnectConfig connect,
        AuditConfig audit,
        ServerConfig server) {

    public BrokerConfig {
        audit = audit == null ? AuditConfig.defaults() : audit;
        server = server == null ? ServerConfig.defaults() : server;
    }

    /** Without audit and listener settings: {@link AuditConfig#defaults()}, {@link ServerConfig#defaults()}. */
    public BrokerConfig(int port, Path dataDir, String dbUrl, Optional<String> dbUser, Optional<Secret> dbPassword,
            Optional<Secret> masterKey, Optional<Path> masterKeyFile, Optional<Secret> masterPassphrase,
            Optional<Secret> adminKey, RefreshConfig refresh, long cacheMaxEntries, Duration cacheTtl,
            int maxBodyBytes, long keyTermMaxEncryptions, Duration rewrapInterval, int authFailureLimit,
            String logFormat, ConnectConfig connect) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, masterKey, masterKeyFile, masterPassphrase, adminKey, refresh,
                cacheMaxEntries, cacheTtl, maxBodyBytes, keyTermMaxEncryptions, rewrapInterval, authFailureLimit,
                logFormat, connect, AuditConfig.defaults(), ServerConfig.defaults());
    }

    /** Without connect settings: {@link ConnectConfig#defaults()}. */
    public BrokerConfig(int port, Path dataDir, String dbUrl, Optional<String> dbUser, Optional<Secret> dbPassword,
            Optional<Secret> masterKey, Optional<Path> masterKeyFile, Optional<Secret> masterPassphrase,
            Optional<Secret> adminKey, RefreshConfig refresh, long cacheMaxEntries, Duration cacheTtl,
            int maxBodyBytes, long keyTermMaxEncryptions, Duration rewrapInterval, int authFailureLimit,
            String logFormat) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, masterKey, masterKeyFile, masterPassphrase, adminKey, refresh,
                cacheMaxEntries, cacheTtl, maxBodyBytes, keyTermMaxEncryptions, rewrapInterval, authFailureLimit,
                logFormat, ConnectConfig.defaults());
    }

    /** The effective configuration for the start-up log, secrets masked; see {@link ConfigSummary}. */
    public Map<String, String> describe() {
        return ConfigSummary.of(this);
    }

    /** Masked like {@link #describe()}: the JDBC URL may embed a password. */
    @Override
    public String toString() {
        return "BrokerConfig[" + ConfigSummary.format(this) + "]";
    }

    public BrokerConfig withRefresh(RefreshConfig newRefresh) {
        return new BrokerConfig(port, dataDir, dbUrl, dbUser, dbPassword, masterKey, masterKeyFile, masterPassphrase,
                adminKey, newRefresh, cacheMaxEntries, cacheTtl, maxBodyBytes, keyTermMaxEncryptions, rewrapInterval,
                authFailureLimit, logFormat, connect, audit, server);
    }

    public BrokerConfig withConnect(ConnectConfig newConnect) {
        return new BrokerConfig(port, dataDir, dbUrl, dbUser, dbPassword, masterKey, masterKeyFile, masterPassphrase,
                adminKey, refresh, cacheMaxEntries, cacheTtl, maxBodyBytes, keyTermMaxEncryptions, rewrapInterval,
                authFailureLimit, logFormat, newConnect, audit, server);
    }

    public BrokerConfig withAudit(AuditConfig newAudit) {
        return new BrokerConfig(port, dataDir, dbUrl, dbUser, dbPassword, masterKey, masterKeyFile, masterPassphrase,
                adminKey, refresh, cacheMaxEntries, cacheTtl, maxBodyBytes, keyTermMaxEncryptions, rewrapInterval,
                authFailureLimit, logFormat, connect, newAudit, server);
    }

    public BrokerConfig withServer(ServerConfig newServer) {
        return new BrokerConfig(port, dataDir, dbUrl, dbUser, dbPassword, masterKey, masterKeyFile, masterPassphrase,
                adminKey, refresh, cacheMaxEntries, cacheTtl, maxBodyBytes, keyTermMaxEncryptions, rewrapInterval,
                authFailureLimit, logFormat, connect, audit, newServer);
    }

    /** True when the database is the embedded H2 default (or any H2 URL). */
    public boolean embeddedDatabase() {
        return dbUrl.startsWith("jdbc:h2:");
    }
}
