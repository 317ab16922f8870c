package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectConfigTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        ConnectConfig connect = ConfigLoader.load(Map.of()).connect();

        assertThat(connect).isEqualTo(ConnectConfig.defaults());
        assertThat(connect.authorizationTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(connect.publicBaseUrl()).isEmpty();
        assertThat(connect.testAllowedHosts()).isEmpty();
        assertThat(connect.testConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(connect.testReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(connect.egressAllowList()).isEqualTo(EgressAllowList.none());
    }

    @Test
    void readsEveryConnectKey() {
        ConnectConfig connect = ConfigLoader.load(Map.of(
                "CREDBROKER_PUBLIC_BASE_URL", "https://broker.example.com/base",
                "CREDBROKER_AUTHORIZATION_TIMEOUT", "PT3M",
                "CREDBROKER_TEST_ALLOWED_HOSTS", "api.example.com,*.googleapis.com",
                "CREDBROKER_TEST_CONNECT_TIMEOUT", "PT1S",
                "CREDBROKER_TEST_READ_TIMEOUT", "PT2S")).connect();

        assertThat(connect).isEqualTo(BrokerConfig.builder()
                .set(ConfigTable.PUBLIC_BASE_URL, Optional.of(URI.create("https://broker.example.com/base")))
                .set(ConfigTable.AUTHORIZATION_TIMEOUT, Duration.ofMinutes(3))
                .set(ConfigTable.TEST_ALLOWED_HOSTS, List.of("api.example.com", "*.googleapis.com"))
                .set(ConfigTable.TEST_CONNECT_TIMEOUT, Duration.ofSeconds(1))
                .set(ConfigTable.TEST_READ_TIMEOUT, Duration.ofSeconds(2))
                .build().connect());
    }

    @Test
    void allowListMatchesExactHostsAndSubdomainsWithoutLetterCase() {
        ConnectConfig connect = BrokerConfig.builder()
                .set(ConfigTable.TEST_ALLOWED_HOSTS, List.of("api.example.com", "*.googleapis.com")).build().connect();

        assertThat(connect.testHostAllowed("API.example.com")).isTrue();
        assertThat(connect.testHostAllowed("www.googleapis.com")).isTrue();
        assertThat(connect.testHostAllowed("googleapis.com")).isFalse();
        assertThat(connect.testHostAllowed("evilgoogleapis.com")).isFalse();
        assertThat(connect.testHostAllowed("example.com")).isFalse();
        assertThat(connect.testHostAllowed(null)).isFalse();
    }

    @Test
    void refusesBadValuesWithoutRepairingThem() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_PUBLIC_BASE_URL", "broker.example.com",
                "CREDBROKER_AUTHORIZATION_TIMEOUT", "PT0S",
                "CREDBROKER_TEST_ALLOWED_HOSTS", "api.example.com, https://x",
                "CREDBROKER_TEST_READ_TIMEOUT", "10s")));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_PUBLIC_BASE_URL")
                .contains("absolute http(s) URL"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_AUTHORIZATION_TIMEOUT"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_TEST_ALLOWED_HOSTS"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_TEST_READ_TIMEOUT"));
    }

    @Test
    void publicBaseUrlMustBeHttpsUnlessLoopbackOrInsecureAllowed() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_PUBLIC_BASE_URL", "http://broker.example.com")));
        assertThat(e.problems()).singleElement().asString().contains("must be https");

        assertThat(ConfigLoader.load(Map.of("CREDBROKER_PUBLIC_BASE_URL", "http://localhost:8080"))
                .connect().publicBaseUrl()).contains(URI.create("http://localhost:8080"));
        assertThat(ConfigLoader.load(Map.of("CREDBROKER_PUBLIC_BASE_URL", "http://broker.internal",
                "CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true")).connect().publicBaseUrl()).isPresent();
        ConfigException query = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_PUBLIC_BASE_URL", "https://broker.example.com/?x=1")));
        assertThat(query.problems()).singleElement().asString().contains("query");
    }
}
