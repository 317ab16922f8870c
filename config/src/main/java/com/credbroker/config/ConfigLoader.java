package com.credbroker.config;

import static com.credbroker.config.ConfigKey.*;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates the broker configuration once, before anything starts.
 *
 * <p>Precedence: built-in defaults &lt; the Java properties file named by {@code CREDBROKER_CONFIG}
 * (same keys as the environment, e.g. {@code CREDBROKER_PORT=9090}) &lt; the environment. Every
 * value is validated and <em>all</em> problems are reported together in one {@link ConfigException};
 * no value is trimmed, clamped or otherwise repaired. Problems never contain a secret value.
 *
 * <p>When {@code CREDBROKER_DB_URL} is unset, the URL is {@code jdbc:h2:file:<absolute data dir>/credbroker}
 * with no options: durability and other H2 settings are appended by the storage layer.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {
    private static final Set<String> LOG_FORMATS = Set.of("auto", "json", "text");
    /** Random 96-bit GCM nonces: stay well below 2^32 encryptions per key. */
    private static final long MAX_ENCRYPTIONS_PER_TERM = 1L << 32;

    private ConfigLoader() {
    }

    /** Loads from the process environment. */
    public static BrokerConfig fromEnvironment() {
        return load(System.getenv());
    }

    /**
     * Loads from the given environment (and the file it names).
     *
     * @throws ConfigException listing every problem, when anything is invalid
     */
    public static BrokerConfig load(Map<String, String> env) {
        Problems problems = new Problems();
        Map<ConfigKey, RawValue> merged = ConfigSources.merge(env, problems);
        ValueParser parser = new ValueParser(merged, problems);

        // Arguments are evaluated left to right, so problems come out in key order.
        int port = orZero(parser.intIn(PORT, 0, 65_535));
        Path dataDir = parser.path(DATA_DIR).orElse(null);
        BrokerConfig config = new BrokerConfig(
                port,
                dataDir,
                DatabaseUrls.resolve(parser, problems, dataDir, merged.get(DATA_DIR)),
                parser.text(DB_USER),
                parser.secret(DB_PASSWORD),
                MasterKeyRules.masterKey(parser, problems),
                parser.path(MASTER_KEY_FILE),
                parser.secret(MASTER_PASSPHRASE),
                AdminKeyRules.adminKey(parser, problems),
                RefreshRules.refresh(parser, problems),
                orZero(parser.longIn(CACHE_MAX_ENTRIES, 1, Long.MAX_VALUE)),
                parser.positiveDuration(CACHE_TTL),
                orZero(parser.intIn(MAX_BODY_BYTES, 1, Integer.MAX_VALUE)),
                orZero(parser.longIn(KEY_TERM_MAX_ENCRYPTIONS, 1, MAX_ENCRYPTIONS_PER_TERM)),
                parser.positiveDuration(REWRAP_INTERVAL),
                orZero(parser.intIn(AUTH_FAILURE_LIMIT, 1, Integer.MAX_VALUE)),
                parser.oneOf(LOG_FORMAT, LOG_FORMATS),
                ConnectRules.connect(parser, problems),
                AuditRules.audit(parser, problems),
                ServerRules.server(parser, problems));
        MasterKeyRules.requireAtMostOneSource(parser, problems);
        ConnectRules.checkRelations(config, problems);
        ServerRules.checkRelations(config, problems);
        // Placeholders above (zero, null) never escape: any problem means no config at all.
        problems.throwIfAny();
        return config;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
