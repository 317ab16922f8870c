package com.credbroker.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The effective configuration for the start-up log: one entry per key, in {@link ConfigTable} order,
 * named as in the environment, printed as the key's kind of value says. Secrets appear only as {@code set}
 * or {@code unset}; a password embedded in the JDBC URL is replaced by {@code [REDACTED]}. Stateless and
 * thread-safe.
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
        for (ConfigKey<?> key : ConfigTable.all()) {
            summary.put(key.envName(), summarize(config, key));
        }
        return Collections.unmodifiableMap(summary);
    }

    private static <T> String summarize(BrokerConfig config, ConfigKey<T> key) {
        return key.type().summarize(RecordTree.read(config, key));
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
}
