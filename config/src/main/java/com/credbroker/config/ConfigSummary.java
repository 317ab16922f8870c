package com.credbroker.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The effective configuration for the start-up log: one entry per key, in {@link ConfigKey} order,
 * named as in the environment. Secrets appear only as {@code set} or {@code unset}; a password
 * embedded in the JDBC URL is replaced by {@code [REDACTED]}. Stateless and thread-safe.
 */
public final class ConfigSummary {
    static final String REDACTED = "[REDACTED]";
    private static final Pattern URL_PASSWORD =
            Pattern.compile("(?i)((?:password|pwd|sslpassword)=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("//([^/@:]*):[^/@]*@");

    private ConfigSummary() {
    }

    /** An unmodifiable, ordered map from variable name to a printable value. */
    public static Map<String, String> of(BrokerConfig config) {
        Map<String, String> summary = new LinkedHashMap<>();
        put(summary, ConfigKey.PORT, config.port());
        put(summary, ConfigKey.DATA_DIR, config.dataDir());
        put(summary, ConfigKey.DB_URL, maskUrl(config.dbUrl()));
        put(summary, ConfigKey.DB_USER, config.dbUser().orElse("unset"));
        put(summary, ConfigKey.DB_PASSWORD, presence(config.dbPassword()));
        put(summary, ConfigKey.MASTER_KEY, presence(config.masterKey()));
        put(summary, ConfigKey.MASTER_KEY_FILE, config.masterKeyFile().map(Object::toString).orElse("unset"));
        put(summary, ConfigKey.MASTER_PASSPHRASE, presence(config.masterPassphrase()));
        put(summary, ConfigKey.ADMIN_KEY, presence(config.adminKey()));
        RefreshConfig r = config.refresh();
        put(summary, ConfigKey.REFRESH_WINDOW, r.window());
        put(summary, ConfigKey.REFRESH_INTERVAL, r.interval());
        put(summary, ConfigKey.REFRESH_SKEW, r.skew());
        put(summary, ConfigKey.ALLOW_INSECURE_TOKEN_URLS, r.allowInsecureTokenUrls());
        put(summary, ConfigKey.REFRESH_MAX_IN_FLIGHT, r.maxInFlight());
        put(summary, ConfigKey.REFRESH_MAX_PER_AUTH_CONFIG, r.maxPerAuthConfig());
        put(summary, ConfigKey.REFRESH_BATCH_SIZE, r.batchSize());
        put(summary, ConfigKey.REFRESH_JITTER, r.jitter());
        put(summary, ConfigKey.REFRESH_DEFAULT_LIFETIME, r.defaultLifetime());
        put(summary, ConfigKey.REFRESH_MAX_LIFETIME, r.maxLifetime());
        put(summary, ConfigKey.REFRESH_BACKOFF_BASE, r.backoffBase());
        put(summary, ConfigKey.REFRESH_BACKOFF_CAP, r.backoffCap());
        put(summary, ConfigKey.TOKEN_CONNECT_TIMEOUT, r.connectTimeout());
        put(summary, ConfigKey.TOKEN_READ_TIMEOUT, r.readTimeout());
        put(summary, ConfigKey.REFRESH_LEASE, r.lease());
        put(summary, ConfigKey.TOKEN_MAX_RESPONSE_BYTES, r.maxResponseBytes());
        ConnectConfig c = config.connect();
        put(summary, ConfigKey.PUBLIC_BASE_URL, c.publicBaseUrl().map(Object::toString).orElse("unset"));
        put(summary, ConfigKey.AUTHORIZATION_TIMEOUT, c.authorizationTimeout());
        put(summary, ConfigKey.TEST_ALLOWED_HOSTS, c.testAllowedHosts().isEmpty() ? "unset"
                : String.join(",", c.testAllowedHosts()));
        put(summary, ConfigKey.TEST_CONNECT_TIMEOUT, c.testConnectTimeout());
        put(summary, ConfigKey.TEST_READ_TIMEOUT, c.testReadTimeout());
        put(summary, ConfigKey.EGRESS_ALLOWED_HOSTS, c.egressAllowList().entries().isEmpty() ? "unset"
                : c.egressAllowList().toString());
        put(summary, ConfigKey.CACHE_MAX_ENTRIES, config.cacheMaxEntries());
        put(summary, ConfigKey.CACHE_TTL, config.cacheTtl());
        put(summary, ConfigKey.MAX_BODY_BYTES, config.maxBodyBytes());
        put(summary, ConfigKey.KEY_TERM_MAX_ENCRYPTIONS, config.keyTermMaxEncryptions());
        put(summary, ConfigKey.REWRAP_INTERVAL, config.rewrapInterval());
        put(summary, ConfigKey.AUTH_FAILURE_LIMIT, config.authFailureLimit());
        put(summary, ConfigKey.LOG_FORMAT, config.logFormat());
        AuditConfig a = config.audit();
        put(summary, ConfigKey.AUDIT_REFUSAL_WINDOW, a.refusalWindow());
        put(summary, ConfigKey.AUDIT_REFUSAL_MAX_CLIENTS, a.refusalMaxClients());
        put(summary, ConfigKey.AUDIT_SEGMENT_BYTES, a.segmentBytes());
        put(summary, ConfigKey.AUDIT_SEGMENT_AGE, a.segmentAge());
        put(summary, ConfigKey.AUDIT_RETENTION, a.retention().map(Object::toString).orElse("unset"));
        put(summary, ConfigKey.AUDIT_MAX_BYTES, a.maxBytes().map(Object::toString).orElse("unset"));
        put(summary, ConfigKey.DISK_LOW_BYTES, a.diskLowBytes());
        put(summary, ConfigKey.DISK_MIN_BYTES, a.diskMinBytes());
        ServerConfig server = config.server();
        put(summary, ConfigKey.MAX_CONNECTIONS, server.maxConnections());
        put(summary, ConfigKey.HEADER_TIMEOUT, server.headerTimeout());
        put(summary, ConfigKey.MANAGEMENT_PORT, server.managementPort());
        put(summary, ConfigKey.MANAGEMENT_BIND, server.managementBind());
        put(summary, ConfigKey.ACCESS_LOG, server.accessLog());
        return Collections.unmodifiableMap(summary);
    }

    /** One line, {@code KEY=value, KEY=value, ...}, for a log message. */
    public static String format(BrokerConfig config) {
        return of(config).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    static String maskUrl(String url) {
        if (url == null) {
            return "unset";
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1" + REDACTED);
        return URL_USERINFO.matcher(masked).replaceAll("//$1:" + REDACTED + "@");
    }

    private static String presence(Optional<Secret> secret) {
        return secret.isPresent() ? "set" : "unset";
    }

    private static void put(Map<String, String> summary, ConfigKey key, Object value) {
        summary.put(key.envName(), String.valueOf(value));
    }
}
