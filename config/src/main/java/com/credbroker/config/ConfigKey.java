package com.credbroker.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key, its default and whether its value is secret. The same names are used
 * in the environment and in the optional properties file named by {@code CREDBROKER_CONFIG}.
 *
 * <p>A secret key's value never appears in a problem or a summary. {@link #DB_URL} is treated
 * the same way because a JDBC URL can embed a password.
 */
public enum ConfigKey {
    PORT("8080", false),
    DATA_DIR("./data", false),
    DB_URL(null, true),
    DB_USER(null, false),
    DB_PASSWORD(null, true),
    MASTER_KEY(null, true),
    MASTER_KEY_FILE(null, false),
    MASTER_PASSPHRASE(null, true),
    ADMIN_KEY(null, true),
    REFRESH_WINDOW("PT5M", false),
    REFRESH_INTERVAL("PT30S", false),
    REFRESH_SKEW("PT30S", false),
    ALLOW_INSECURE_TOKEN_URLS("false", false),
    REFRESH_MAX_IN_FLIGHT("64", false),
    REFRESH_MAX_PER_AUTH_CONFIG("16", false),
    REFRESH_BATCH_SIZE("256", false),
    REFRESH_JITTER("PT2S", false),
    REFRESH_DEFAULT_LIFETIME("PT1H", false),
    REFRESH_MAX_LIFETIME("P365D", false),
    REFRESH_BACKOFF_BASE("PT5S", false),
    REFRESH_BACKOFF_CAP("PT15M", false),
    TOKEN_CONNECT_TIMEOUT("PT5S", false),
    TOKEN_READ_TIMEOUT("PT15S", false),
    REFRESH_LEASE("PT2M", false),
    TOKEN_MAX_RESPONSE_BYTES("65536", false),
    PUBLIC_BASE_URL(null, false),
    AUTHORIZATION_TIMEOUT("PT10M", false),
    TEST_ALLOWED_HOSTS(null, false),
    TEST_CONNECT_TIMEOUT("PT5S", false),
    TEST_READ_TIMEOUT("PT10S", false),
    EGRESS_ALLOWED_HOSTS(null, false),
    CACHE_MAX_ENTRIES("10000", false),
    CACHE_TTL("PT5M", false),
    MAX_BODY_BYTES("65536", false),
    KEY_TERM_MAX_ENCRYPTIONS(Long.toString(1L << 31), false),
    REWRAP_INTERVAL("PT1M", false),
    AUTH_FAILURE_LIMIT("20", false),
    LOG_FORMAT("auto", false),
    AUDIT_REFUSAL_WINDOW("PT1M", false),
    AUDIT_REFUSAL_MAX_CLIENTS("1000", false),
    AUDIT_SEGMENT_BYTES(Long.toString(64L * 1024 * 1024), false),
    AUDIT_SEGMENT_AGE("P1D", false),
    AUDIT_RETENTION(null, false),
    AUDIT_MAX_BYTES(null, false),
    DISK_LOW_BYTES(Long.toString(1024L * 1024 * 1024), false),
    DISK_MIN_BYTES(Long.toString(64L * 1024 * 1024), false),
    MAX_CONNECTIONS("512", false),
    HEADER_TIMEOUT("PT15S", false),
    MANAGEMENT_PORT("9464", false),
    MANAGEMENT_BIND("127.0.0.1", false),
    ACCESS_LOG("true", false);

    /** Prefix shared by every key. */
    public static final String PREFIX = "CREDBROKER_";
    /** Names the optional properties file; read from the environment only. */
    public static final String CONFIG_FILE = PREFIX + "CONFIG";

    private final String defaultValue;
    private final boolean sensitive;

    ConfigKey(String defaultValue, boolean sensitive) {
        this.defaultValue = defaultValue;
        this.sensitive = sensitive;
    }

    /** The variable name, e.g. {@code CREDBROKER_PORT}. */
    public String envName() {
        return PREFIX + name();
    }

    /** The built-in default; empty when the key has none (optional, or derived like the DB URL). */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** True when the value must never be printed. */
    public boolean sensitive() {
        return sensitive;
    }

    static Optional<ConfigKey> byEnvName(String envName) {
        return Arrays.stream(values()).filter(k -> k.envName().equals(envName)).findFirst();
    }
}
