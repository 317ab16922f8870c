package com.credbroker.config;

import static com.credbroker.config.ConfigTable.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules that relate two or more keys, checked after every key has been parsed on its own. A value that
 * failed its own parse is missing here ({@code null}, or what unset stands for), so a rule only speaks
 * about values that are valid by themselves. Problems never contain a secret value.
 */
final class ConfigRelations {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    /** One rule: reads the parsed values, reports what contradicts. */
    private interface Rule {
        void check(Parsed values, Problems problems);
    }

    /** The parsed values and the raw ones they came from. */
    record Parsed(ConfigBuilder values, Map<ConfigKey<?>, RawValue> raw) {
        <T> T get(ConfigKey<T> key) {
            return values.get(key);
        }

        /** Set to a non-empty value, whether or not that value is valid. */
        boolean isSet(ConfigKey<?> key) {
            RawValue value = raw.get(key);
            return value != null && !value.value().isEmpty();
        }
    }

    private static final List<Rule> RULES = List.of(
            ConfigRelations::derivedDatabaseUrl,
            ConfigRelations::oneMasterKeySource,
            ConfigRelations::refreshTimings,
            ConfigRelations::refreshConcurrency,
            ConfigRelations::publicBaseUrlScheme,
            ConfigRelations::auditBounds,
            ConfigRelations::managementPort);

    private ConfigRelations() {
    }

    static void check(Parsed values, Problems problems) {
        RULES.forEach(rule -> rule.check(values, problems));
    }

    /** The default H2 URL is built from the data directory, where a {@code ;} would start an option. */
    private static void derivedDatabaseUrl(Parsed in, Problems problems) {
        Path dataDir = in.get(DATA_DIR);
        if (!in.isSet(DB_URL) && dataDir != null && dataDir.toString().contains(";")) {
            problems.add(DATA_DIR, in.raw().get(DATA_DIR),
                    "must not contain ';' when the H2 URL is derived from it; set CREDBROKER_DB_URL instead");
        }
    }

    private static void oneMasterKeySource(Parsed in, Problems problems) {
        List<String> present = Stream.of(MASTER_KEY, MASTER_KEY_FILE, MASTER_PASSPHRASE)
                .filter(in::isSet).map(ConfigKey::envName).toList();
        if (present.size() > 1) {
            problems.add("Only one master key source may be set, found " + String.join(", ", present));
        }
    }

    /** The lease outlives one token request; the backoff cap is not below its base; nor the default lifetime above the maximum. */
    private static void refreshTimings(Parsed in, Problems problems) {
        Duration lease = in.get(REFRESH_LEASE);
        Duration connect = in.get(TOKEN_CONNECT_TIMEOUT);
        Duration read = in.get(TOKEN_READ_TIMEOUT);
        if (lease != null && connect != null && read != null && lease.compareTo(connect.plus(read).multipliedBy(2)) < 0) {
            problems.add(REFRESH_LEASE.envName() + " must be at least twice " + TOKEN_CONNECT_TIMEOUT.envName()
                    + " + " + TOKEN_READ_TIMEOUT.envName() + ": a lease must outlive the token request");
        }
        Duration base = in.get(REFRESH_BACKOFF_BASE);
        Duration cap = in.get(REFRESH_BACKOFF_CAP);
        if (base != null && cap != null && cap.compareTo(base) < 0) {
            problems.add(REFRESH_BACKOFF_CAP.envName() + " must not be shorter than " + REFRESH_BACKOFF_BASE.envName());
        }
        Duration defaultLifetime = in.get(REFRESH_DEFAULT_LIFETIME);
        Duration maxLifetime = in.get(REFRESH_MAX_LIFETIME);
        if (defaultLifetime != null && maxLifetime != null && defaultLifetime.compareTo(maxLifetime) > 0) {
            problems.add(REFRESH_DEFAULT_LIFETIME.envName() + " must not be longer than "
                    + REFRESH_MAX_LIFETIME.envName());
        }
    }

    private static void refreshConcurrency(Parsed in, Problems problems) {
        Integer perAuthConfig = in.get(REFRESH_MAX_PER_AUTH_CONFIG);
        Integer inFlight = in.get(REFRESH_MAX_IN_FLIGHT);
        if (perAuthConfig != null && inFlight != null && perAuthConfig > inFlight) {
            problems.add(REFRESH_MAX_PER_AUTH_CONFIG.envName() + " must not exceed " + REFRESH_MAX_IN_FLIGHT.envName());
        }
    }

    /**
     * Plain http only for a loopback host or with {@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS=true}:
     * authorization codes travel through the callback.
     */
    private static void publicBaseUrlScheme(Parsed in, Problems problems) {
        Optional<URI> url = Optional.ofNullable(in.get(PUBLIC_BASE_URL)).flatMap(u -> u);
        if (url.isPresent() && url.get().getScheme().equalsIgnoreCase("http")
                && !Boolean.TRUE.equals(in.get(ALLOW_INSECURE_TOKEN_URLS))
                && !LOOPBACK.contains(url.get().getHost().toLowerCase(Locale.ROOT))) {
            problems.add(PUBLIC_BASE_URL.envName() + " must be https unless its host is loopback or "
                    + ALLOW_INSECURE_TOKEN_URLS.envName() + " is true");
        }
    }

    private static void auditBounds(Parsed in, Problems problems) {
        Long diskMin = in.get(DISK_MIN_BYTES);
        Long diskLow = in.get(DISK_LOW_BYTES);
        if (diskMin != null && diskLow != null && diskMin > diskLow) {
            problems.add(DISK_MIN_BYTES.envName() + " must not exceed " + DISK_LOW_BYTES.envName());
        }
        Long segmentBytes = in.get(AUDIT_SEGMENT_BYTES);
        Optional<Long> maxBytes = Optional.ofNullable(in.get(AUDIT_MAX_BYTES)).flatMap(m -> m);
        if (segmentBytes != null && maxBytes.isPresent() && maxBytes.get() < 2 * segmentBytes) {
            problems.add(AUDIT_MAX_BYTES.envName() + " must be at least twice " + AUDIT_SEGMENT_BYTES.envName()
                    + " (the segment being written is never deleted)");
        }
    }

    /** The management listener cannot share the API port. */
    private static void managementPort(Parsed in, Problems problems) {
        Integer management = in.get(MANAGEMENT_PORT);
        if (management != null && management != 0 && management.equals(in.get(PORT))) {
            problems.add(MANAGEMENT_PORT.envName() + " must differ from " + PORT.envName());
        }
    }
}
