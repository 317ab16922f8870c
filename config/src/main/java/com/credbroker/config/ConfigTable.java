package com.credbroker.config;

import static com.credbroker.config.ValueTypes.bool;
import static com.credbroker.config.ValueTypes.intIn;
import static com.credbroker.config.ValueTypes.longIn;
import static com.credbroker.config.ValueTypes.nonNegativeDuration;
import static com.credbroker.config.ValueTypes.oneOf;
import static com.credbroker.config.ValueTypes.path;
import static com.credbroker.config.ValueTypes.positiveDuration;
import static com.credbroker.config.ValueTypes.secret;
import static com.credbroker.config.ValueTypes.text;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration key, in one table: name, built-in default, kind of value (parser, secrecy, how the
 * summary prints it), the record component it fills and the line that documents it. Loading and
 * validation ({@link ConfigLoader}), the masked start-up summary ({@link ConfigSummary}), the record tree
 * ({@link ConfigBuilder}) and the README's configuration table ({@link ConfigReference}) are all derived
 * from it, in this order.
 *
 * <p><b>Adding a key</b> is one row here, {@code define(name, default or null, kind, record, component,
 * doc)}, plus the component it fills on {@link BrokerConfig} or one of its slices ({@link DatabaseConfig},
 * {@link CryptoConfig}, {@link RefreshConfig}, {@link ConnectConfig}, {@link AuditConfig},
 * {@link ServerConfig}) — the record's canonical constructor is called with the values, matched by
 * component name, so nothing else changes. Then regenerate the README table (see {@code ConfigReferenceTest}).
 * A rule that relates two keys goes to {@link ConfigRelations}. A key with no default is optional: its
 * kind says what unset stands for (usually {@link Optional#empty()}).
 *
 * <p>The binding of every row to a component, and of every component to a row, is checked when this class
 * is initialised: a mismatch fails the first load, not a later read.
 */
public final class ConfigTable {
    private static final List<ConfigKey<?>> ROWS = new ArrayList<>();
    private static final long MIB = 1024L * 1024;
    /** Random 96-bit GCM nonces: stay well below 2^32 encryptions per key. */
    private static final long MAX_ENCRYPTIONS_PER_TERM = 1L << 32;
    private static final int MAX_CONCURRENCY = 10_000;

    public static final ConfigKey<Integer> PORT = define("PORT", "8080", intIn(0, 65_535),
            BrokerConfig.class, "port", "HTTP port (`0` = any free port)");
    public static final ConfigKey<Path> DATA_DIR = define("DATA_DIR", "./data", path(),
            DatabaseConfig.class, "dataDir", "data directory (created 0700; files 0600)");
    public static final ConfigKey<String> DB_URL = define("DB_URL", null, DatabaseUrls.jdbcUrl(),
            DatabaseConfig.class, "url", "JDBC URL: `jdbc:h2:…`, or `jdbc:postgresql://host:5432/db[?currentSchema=…]`"
                    + " for several nodes on one database (migrated at start; Quartz runs clustered there);"
                    + " unset: an H2 file `<data dir>/credbroker`");
    public static final ConfigKey<Optional<String>> DB_USER = define("DB_USER", null, text().optional(),
            DatabaseConfig.class, "user", "database user");
    public static final ConfigKey<Optional<Secret>> DB_PASSWORD = define("DB_PASSWORD", null, secret(),
            DatabaseConfig.class, "password", "database password");
    public static final ConfigKey<Optional<Secret>> MASTER_KEY = define("MASTER_KEY", null,
            MasterKeyRules.masterKey(), CryptoConfig.class, "masterKey", "base64 of exactly 32 bytes, no whitespace");
    public static final ConfigKey<Optional<Path>> MASTER_KEY_FILE = define("MASTER_KEY_FILE", null,
            path().optional(), CryptoConfig.class, "masterKeyFile", "file holding that base64 text");
    public static final ConfigKey<Optional<Secret>> MASTER_PASSPHRASE = define("MASTER_PASSPHRASE", null, secret(),
            CryptoConfig.class, "masterPassphrase", "passphrase stretched with Argon2id (salt kept in the keyring)");
    public static final ConfigKey<Optional<Secret>> ADMIN_KEY = define("ADMIN_KEY", null, AdminKeyRules.adminKey(),
            BrokerConfig.class, "adminKey", "registered as an all-scope `api` key (`bootstrap-admin`) at start if"
                    + " absent; at least 128 bits of entropy (`openssl rand -base64 32`); a new value revokes the key"
                    + " the previous value registered");
    public static final ConfigKey<Duration> REFRESH_WINDOW = define("REFRESH_WINDOW", "PT5M", positiveDuration(),
            RefreshConfig.class, "window", "the refresh scan refreshes tokens expiring within this");
    public static final ConfigKey<Duration> REFRESH_INTERVAL = define("REFRESH_INTERVAL", "PT30S",
            positiveDuration(), RefreshConfig.class, "interval", "the refresh scan runs this often");
    public static final ConfigKey<Duration> REFRESH_SKEW = define("REFRESH_SKEW", "PT30S", nonNegativeDuration(),
            RefreshConfig.class, "skew", "a lookup refreshes first when the token expires within this");
    public static final ConfigKey<Boolean> ALLOW_INSECURE_TOKEN_URLS = define("ALLOW_INSECURE_TOKEN_URLS", "false",
            bool(), RefreshConfig.class, "allowInsecureTokenUrls", "`true` lets token, authorization and revocation"
                    + " endpoints, test requests and a non-loopback public base URL be plain `http` (local providers,"
                    + " tests)");
    public static final ConfigKey<Integer> REFRESH_MAX_IN_FLIGHT = define("REFRESH_MAX_IN_FLIGHT", "64",
            intIn(1, MAX_CONCURRENCY), RefreshConfig.class, "maxInFlight", "token requests in flight at once");
    public static final ConfigKey<Integer> REFRESH_MAX_PER_AUTH_CONFIG = define("REFRESH_MAX_PER_AUTH_CONFIG", "16",
            intIn(1, MAX_CONCURRENCY), RefreshConfig.class, "maxPerAuthConfig",
            "token requests in flight at once for one auth config");
    public static final ConfigKey<Integer> REFRESH_BATCH_SIZE = define("REFRESH_BATCH_SIZE", "256",
            intIn(1, MAX_CONCURRENCY), RefreshConfig.class, "batchSize", "connections claimed per scan query");
    public static final ConfigKey<Duration> REFRESH_JITTER = define("REFRESH_JITTER", "PT2S", nonNegativeDuration(),
            RefreshConfig.class, "jitter", "a scheduled refresh starts up to this late, at random");
    public static final ConfigKey<Duration> REFRESH_DEFAULT_LIFETIME = define("REFRESH_DEFAULT_LIFETIME", "PT1H",
            positiveDuration(), RefreshConfig.class, "defaultLifetime",
            "lifetime of a token when the provider sends no `expires_in`");
    public static final ConfigKey<Duration> REFRESH_MAX_LIFETIME = define("REFRESH_MAX_LIFETIME", "P365D",
            positiveDuration(), RefreshConfig.class, "maxLifetime", "longer `expires_in` values are clamped to this");
    public static final ConfigKey<Duration> REFRESH_BACKOFF_BASE = define("REFRESH_BACKOFF_BASE", "PT5S",
            positiveDuration(), RefreshConfig.class, "backoffBase",
            "first retry delay after a transient failure (exponential backoff with full jitter)");
    public static final ConfigKey<Duration> REFRESH_BACKOFF_CAP = define("REFRESH_BACKOFF_CAP", "PT15M",
            positiveDuration(), RefreshConfig.class, "backoffCap", "longest retry delay");
    public static final ConfigKey<Duration> TOKEN_CONNECT_TIMEOUT = define("TOKEN_CONNECT_TIMEOUT", "PT5S",
            positiveDuration(), RefreshConfig.class, "connectTimeout",
            "token endpoint connect timeout (redirects are never followed)");
    public static final ConfigKey<Duration> TOKEN_READ_TIMEOUT = define("TOKEN_READ_TIMEOUT", "PT15S",
            positiveDuration(), RefreshConfig.class, "readTimeout", "token endpoint response timeout");
    public static final ConfigKey<Duration> REFRESH_LEASE = define("REFRESH_LEASE", "PT2M", positiveDuration(),
            RefreshConfig.class, "lease",
            "how long a refresh holds its connection; at least twice connect + read timeout");
    public static final ConfigKey<Integer> TOKEN_MAX_RESPONSE_BYTES = define("TOKEN_MAX_RESPONSE_BYTES", "65536",
            intIn(1024, 16 * 1024 * 1024), RefreshConfig.class, "maxResponseBytes",
            "larger token responses are refused unread");
    public static final ConfigKey<Optional<Path>> PROVIDERS_FILE = define("PROVIDERS_FILE", null, path().optional(),
            RefreshConfig.class, "providersFile", "a JSON file (one provider template or an array of them) or a"
                    + " directory of `*.json` templates: new providers, or fields that override a shipped one's"
                    + " (see [Providers](#providers)); every problem in them stops start-up");
    public static final ConfigKey<Optional<URI>> PUBLIC_BASE_URL = define("PUBLIC_BASE_URL", null,
            ConnectRules.publicBaseUrl(), ConnectConfig.class, "publicBaseUrl", "the broker's URL as a browser"
                    + " reaches it; the OAuth callback is `<this>/v1/personal-connectors/oauth/callback` (register it"
                    + " at the provider). https unless loopback; unset: `http://localhost:<port>`, for local use only");
    public static final ConfigKey<Duration> AUTHORIZATION_TIMEOUT = define("AUTHORIZATION_TIMEOUT", "PT10M",
            positiveDuration(), ConnectConfig.class, "authorizationTimeout",
            "an `INITIATED` connection not completed within this becomes `EXPIRED` (`authorization_timeout`)");
    public static final ConfigKey<List<String>> TEST_ALLOWED_HOSTS = define("TEST_ALLOWED_HOSTS", null,
            ConnectRules.hostList(), ConnectConfig.class, "testAllowedHosts", "comma-separated hosts a"
                    + " `test_request_endpoint` may use besides `base_url`'s host (`*.example.com` for subdomains)");
    public static final ConfigKey<Duration> TEST_CONNECT_TIMEOUT = define("TEST_CONNECT_TIMEOUT", "PT5S",
            positiveDuration(), ConnectConfig.class, "testConnectTimeout",
            "connection test connect timeout (redirects are never followed, bodies never stored)");
    public static final ConfigKey<Duration> TEST_READ_TIMEOUT = define("TEST_READ_TIMEOUT", "PT10S",
            positiveDuration(), ConnectConfig.class, "testReadTimeout", "connection test response timeout");
    public static final ConfigKey<EgressAllowList> EGRESS_ALLOWED_HOSTS = define("EGRESS_ALLOWED_HOSTS", null,
            ConnectRules.egressAllowList(), ConnectConfig.class, "egressAllowList", "comma-separated host names"
                    + " (`*.corp.example.com` for subdomains), addresses and CIDR blocks (`10.0.0.0/8`, `fd00::/8`)"
                    + " that outbound requests may reach although they are internal (see *Connection health*);"
                    + " everything else must resolve to public addresses only");
    public static final ConfigKey<Duration> OIDC_DISCOVERY_TTL = define("OIDC_DISCOVERY_TTL", "PT1H",
            nonNegativeDuration(), ConnectConfig.class, "oidcDiscoveryTtl", "how long an OpenID issuer's"
                    + " discovery document and key set are kept (a key set is fetched again for an unknown key)");
    public static final ConfigKey<Long> CACHE_MAX_ENTRIES = define("CACHE_MAX_ENTRIES", "10000",
            longIn(1, Long.MAX_VALUE), BrokerConfig.class, "cacheMaxEntries", "lookup cache bound");
    public static final ConfigKey<Duration> CACHE_TTL = define("CACHE_TTL", "PT5M", positiveDuration(),
            BrokerConfig.class, "cacheTtl", "the longest life of a cache entry (never past the token's expiry)");
    public static final ConfigKey<Integer> MAX_BODY_BYTES = define("MAX_BODY_BYTES", "65536",
            intIn(1, Integer.MAX_VALUE), BrokerConfig.class, "maxBodyBytes", "larger request bodies get 413");
    public static final ConfigKey<Long> KEY_TERM_MAX_ENCRYPTIONS = define("KEY_TERM_MAX_ENCRYPTIONS",
            Long.toString(1L << 31), longIn(1, MAX_ENCRYPTIONS_PER_TERM), CryptoConfig.class,
            "keyTermMaxEncryptions", "a data-key term is rotated automatically at this many encryptions (2^31)");
    public static final ConfigKey<Duration> REWRAP_INTERVAL = define("REWRAP_INTERVAL", "PT1M", positiveDuration(),
            CryptoConfig.class, "rewrapInterval", "how often the background rewrap runs");
    public static final ConfigKey<Integer> AUTH_FAILURE_LIMIT = define("AUTH_FAILURE_LIMIT", "20",
            intIn(1, Integer.MAX_VALUE), BrokerConfig.class, "authFailureLimit",
            "failed authentications per client per minute before 429");
    public static final ConfigKey<String> LOG_FORMAT = define("LOG_FORMAT", "auto",
            oneOf(Set.of("auto", "json", "text")), BrokerConfig.class, "logFormat", "`auto`: text when standard"
                    + " output is a terminal, else `json` (one object a line, with `request_id`); `json` or `text` forces"
                    + " one (environment only; see [docs/OPERATIONS.md](docs/OPERATIONS.md#logs))");
    public static final ConfigKey<Duration> AUDIT_REFUSAL_WINDOW = define("AUDIT_REFUSAL_WINDOW", "PT1M",
            positiveDuration(), AuditConfig.class, "refusalWindow", "refused unauthenticated requests are written"
                    + " as one record per client, reason and window (see [Audit trail](#audit-trail))");
    public static final ConfigKey<Integer> AUDIT_REFUSAL_MAX_CLIENTS = define("AUDIT_REFUSAL_MAX_CLIENTS", "1000",
            intIn(1, 1_000_000), AuditConfig.class, "refusalMaxClients",
            "clients a refusal window counts separately; the rest share one overflow record");
    public static final ConfigKey<Long> AUDIT_SEGMENT_BYTES = define("AUDIT_SEGMENT_BYTES", Long.toString(64 * MIB),
            longIn(1, 1024 * MIB), AuditConfig.class, "segmentBytes",
            "the embedded trail starts a new segment file past this size");
    public static final ConfigKey<Duration> AUDIT_SEGMENT_AGE = define("AUDIT_SEGMENT_AGE", "P1D", positiveDuration(),
            AuditConfig.class, "segmentAge", "the embedded trail also starts a new segment file when the current one's first record is this old");
    public static final ConfigKey<Optional<Duration>> AUDIT_RETENTION = define("AUDIT_RETENTION", null,
            positiveDuration().optional(), AuditConfig.class, "retention",
            "closed segments whose records are all older than this are deleted; unset keeps them");
    public static final ConfigKey<Optional<Long>> AUDIT_MAX_BYTES = define("AUDIT_MAX_BYTES", null,
            longIn(1, Long.MAX_VALUE).optional(), AuditConfig.class, "maxBytes", "the oldest closed segments are"
                    + " deleted while all segments exceed this many bytes (at least twice the segment size); unset"
                    + " keeps them");
    public static final ConfigKey<Long> DISK_LOW_BYTES = define("DISK_LOW_BYTES", Long.toString(1024 * MIB),
            longIn(0, Long.MAX_VALUE), AuditConfig.class, "diskLowBytes", "`/health/ready` adds a warning below"
                    + " this much free space on the data directory's file system");
    public static final ConfigKey<Long> DISK_MIN_BYTES = define("DISK_MIN_BYTES", Long.toString(64 * MIB),
            longIn(0, Long.MAX_VALUE), AuditConfig.class, "diskMinBytes",
            "`/health/ready` is not ready (503) below this much free space");
    public static final ConfigKey<Integer> MAX_CONNECTIONS = define("MAX_CONNECTIONS", "512",
            intIn(1, ServerRules.MAX_CONNECTIONS_LIMIT), ServerConfig.class, "maxConnections", "open connections the"
                    + " API port holds at once; beyond it the port stops accepting until one closes (keep it below"
                    + " the process's file-descriptor limit)");
    public static final ConfigKey<Duration> HEADER_TIMEOUT = define("HEADER_TIMEOUT", "PT15S",
            ServerRules.headerTimeout(), ServerConfig.class, "headerTimeout", "a request's whole header block must"
                    + " arrive within this, however steadily it trickles in; the connection is closed otherwise (at"
                    + " most `PT10M`)");
    public static final ConfigKey<Integer> MANAGEMENT_PORT = define("MANAGEMENT_PORT", "9464", intIn(0, 65_535),
            ServerConfig.class, "managementPort", "port of the management listener, which serves `GET /metrics`"
                    + " (`0` = any free port; must differ from `CREDBROKER_PORT`)");
    public static final ConfigKey<String> MANAGEMENT_BIND = define("MANAGEMENT_BIND", "127.0.0.1",
            ServerRules.bindAddress(), ServerConfig.class, "managementBind", "address the management listener"
                    + " binds: loopback, for a Prometheus agent on the same host; `0.0.0.0` in a container scraped"
                    + " from outside (then firewall it)");
    public static final ConfigKey<Boolean> ACCESS_LOG = define("ACCESS_LOG", "true", bool(), ServerConfig.class,
            "accessLog", "one log line per API request: method, route"
                    + " template, status, duration, key ID, request ID ([docs/OPERATIONS.md](docs/OPERATIONS.md#logs));"
                    + " `false` switches it off");

    private static final List<ConfigKey<?>> ALL = List.copyOf(ROWS);

    static {
        RecordTree.verify(ALL);
    }

    private ConfigTable() {
    }

    /** Every key, in table order (the order of the summary, of problems and of the README table). */
    public static List<ConfigKey<?>> all() {
        return ALL;
    }

    static Optional<ConfigKey<?>> byEnvName(String envName) {
        return ALL.stream().filter(key -> key.envName().equals(envName)).findFirst();
    }

    private static <T> ConfigKey<T> define(String name, String defaultValue, ValueType<T> type,
            Class<? extends Record> slice, String component, String doc) {
        ConfigKey<T> key = new ConfigKey<>(name, defaultValue, type, slice, component, doc);
        ROWS.add(key);
        return key;
    }
}
