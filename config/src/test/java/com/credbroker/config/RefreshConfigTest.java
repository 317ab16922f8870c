package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefreshConfigTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        RefreshConfig refresh = ConfigLoader.load(Map.of()).refresh();

        assertThat(refresh).isEqualTo(RefreshConfig.defaults());
        assertThat(inOrder(refresh)).containsExactly(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), false, 64, 16,
                        256, Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofDays(365), Duration.ofSeconds(5),
                        Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(2),
                        65_536);
    }

    @Test
    void readsEveryRefreshKey() {
        RefreshConfig refresh = ConfigLoader.load(Map.ofEntries(
                Map.entry("CREDBROKER_REFRESH_SKEW", "PT0S"),
                Map.entry("CREDBROKER_REFRESH_MAX_IN_FLIGHT", "200"),
                Map.entry("CREDBROKER_REFRESH_MAX_PER_AUTH_CONFIG", "20"),
                Map.entry("CREDBROKER_REFRESH_BATCH_SIZE", "500"),
                Map.entry("CREDBROKER_REFRESH_JITTER", "PT0S"),
                Map.entry("CREDBROKER_REFRESH_DEFAULT_LIFETIME", "PT30M"),
                Map.entry("CREDBROKER_REFRESH_MAX_LIFETIME", "P30D"),
                Map.entry("CREDBROKER_REFRESH_BACKOFF_BASE", "PT1S"),
                Map.entry("CREDBROKER_REFRESH_BACKOFF_CAP", "PT1H"),
                Map.entry("CREDBROKER_TOKEN_CONNECT_TIMEOUT", "PT2S"),
                Map.entry("CREDBROKER_TOKEN_READ_TIMEOUT", "PT8S"),
                Map.entry("CREDBROKER_REFRESH_LEASE", "PT1M"),
                Map.entry("CREDBROKER_TOKEN_MAX_RESPONSE_BYTES", "2048"))).refresh();

        assertThat(inOrder(refresh)).containsExactly(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO, false, 200, 20, 500,
                        Duration.ZERO, Duration.ofMinutes(30), Duration.ofDays(30), Duration.ofSeconds(1),
                        Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofMinutes(1), 2048);
    }

    @Test
    void refusesSettingsThatContradictEachOther() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_REFRESH_LEASE", "PT10S",
                "CREDBROKER_REFRESH_BACKOFF_CAP", "PT1S",
                "CREDBROKER_REFRESH_DEFAULT_LIFETIME", "P400D",
                "CREDBROKER_REFRESH_MAX_PER_AUTH_CONFIG", "100")));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("CREDBROKER_REFRESH_LEASE")
                .contains("outlive the token request"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_REFRESH_BACKOFF_CAP"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_REFRESH_DEFAULT_LIFETIME"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_REFRESH_MAX_PER_AUTH_CONFIG"));
    }

    @Test
    void refusesNegativeJitterAndZeroInFlight() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_REFRESH_JITTER", "PT-1S", "CREDBROKER_REFRESH_MAX_IN_FLIGHT", "0")));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_REFRESH_JITTER")
                .endsWith("must not be negative"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_REFRESH_MAX_IN_FLIGHT"));
    }

    /** Every component, in declaration order. */
    private static Object[] inOrder(RefreshConfig r) {
        return new Object[] {r.window(), r.interval(), r.skew(), r.allowInsecureTokenUrls(), r.maxInFlight(),
            r.maxPerAuthConfig(), r.batchSize(), r.jitter(), r.defaultLifetime(), r.maxLifetime(), r.backoffBase(),
            r.backoffCap(), r.connectTimeout(), r.readTimeout(), r.lease(), r.maxResponseBytes()};
    }
}
