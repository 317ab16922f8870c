package com.credbroker.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the broker keeps its data: the data directory and the database, a slice of {@link BrokerConfig}.
 * Keys and defaults: {@link ConfigTable}. Immutable. {@code toString()} masks a password embedded in the
 * URL and never shows {@link #password()}.
 *
 * @param dataDir  absolute data directory
 * @param url      JDBC URL; when built without one, the H2 file {@code <dataDir>/credbroker} (no options)
 * @param user     database user
 * @param password database password
 */
public record DatabaseConfig(Path dataDir, String url, Optional<String> user, Optional<Secret> password) {

    public DatabaseConfig {
        if (url == null && dataDir != null) {
            url = DatabaseUrls.derived(dataDir);
        }
        user = user == null ? Optional.empty() : user;
        password = password == null ? Optional.empty() : password;
    }

    /** True when the database is the embedded H2 default (or any H2 URL). */
    public boolean embedded() {
        return url.startsWith(DatabaseUrls.H2_PREFIX);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[dataDir=" + dataDir + ", url=" + ConfigSummary.maskUrl(url) + ", user="
                + user.orElse("unset") + ", password=" + (password.isPresent() ? "set" : "unset") + "]";
    }
}
