package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        ServerConfig server = ConfigLoader.load(Map.of()).server();

        assertThat(server).isEqualTo(ServerConfig.defaults());
        assertThat(server).isEqualTo(new ServerConfig(512, Duration.ofSeconds(15), 9464, "127.0.0.1", true));
    }

    @Test
    void readsEveryListenerKey() {
        ServerConfig server = ConfigLoader.load(Map.of(
                "CREDBROKER_MAX_CONNECTIONS", "100",
                "CREDBROKER_HEADER_TIMEOUT", "PT5S",
                "CREDBROKER_MANAGEMENT_PORT", "0",
                "CREDBROKER_MANAGEMENT_BIND", "::1")).server();

        assertThat(server).isEqualTo(new ServerConfig(100, Duration.ofSeconds(5), 0, "::1", true));
    }

    @Test
    void theAccessLogIsOnUnlessSwitchedOff() {
        assertThat(ConfigLoader.load(Map.of()).server().accessLog()).isTrue();
        assertThat(ConfigLoader.load(Map.of("CREDBROKER_ACCESS_LOG", "false")).server().accessLog()).isFalse();
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("CREDBROKER_ACCESS_LOG", "off")));
        assertThat(e.problems()).singleElement().asString().startsWith("CREDBROKER_ACCESS_LOG");
    }

    @Test
    void refusesBadValuesWithoutRepairingThem() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_MAX_CONNECTIONS", "0",
                "CREDBROKER_HEADER_TIMEOUT", "PT11M",
                "CREDBROKER_MANAGEMENT_BIND", "metrics.example.com")));

        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_MAX_CONNECTIONS"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_HEADER_TIMEOUT"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_MANAGEMENT_BIND"));
    }

    @Test
    void theManagementPortCannotBeTheApiPort() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_PORT", "9090", "CREDBROKER_MANAGEMENT_PORT", "9090")));

        assertThat(e.problems()).singleElement().asString().startsWith("CREDBROKER_MANAGEMENT_PORT");
    }
}
