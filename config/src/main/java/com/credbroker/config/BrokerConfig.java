package com.credbroker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated, immutable configuration: a few settings of the HTTP API and one slice per part of
 * the broker, so that each part receives only what it needs (the database opens on a
 * {@link DatabaseConfig}, the keyring on a {@link CryptoConfig}, …). Loaded by {@link ConfigLoader}; tests
 * build one with {@link #builder()}. Every component is filled by one key of {@link ConfigTable}, which
 * documents it. {@code toString()} and {@link #describe()} never show a secret. Paths are absolute.
 */
public record BrokerConfig(
        int port,
        DatabaseConfig database,
        CryptoConfig crypto,
        Optional<Secret> adminKey,
        RefreshConfig refresh,
        long cacheMaxEntries,
        Duration cacheTtl,
        int maxBodyBytes,
        int authFailureLimit,
        String logFormat,
        ConnectConfig connect,
        AuditConfig audit,
        ServerConfig server) {

    /** Every key at its built-in default, to change before {@link ConfigBuilder#build()}; nothing is validated. */
    public static ConfigBuilder builder() {
        return ConfigBuilder.defaults();
    }

    /** A builder holding this configuration's values. */
    public ConfigBuilder toBuilder() {
        return ConfigBuilder.from(this);
    }

    /** The data directory ({@link DatabaseConfig#dataDir()}): database, generated key file, audit trail. */
    public Path dataDir() {
        return database.dataDir();
    }

    /** True when the database is the embedded H2 default (or any H2 URL). */
    public boolean embeddedDatabase() {
        return database.embedded();
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
}
