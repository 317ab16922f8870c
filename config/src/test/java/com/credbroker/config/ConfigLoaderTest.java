package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static final String VALID_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path tmp;

    @Test
    void appliesDefaultsWhenNothingIsSet() {
        BrokerConfig config = ConfigLoader.load(Map.of());

        Path dataDir = Path.of("data").toAbsolutePath().normalize();
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(dataDir);
        assertThat(config.database().url()).isEqualTo("jdbc:h2:file:" + dataDir.resolve("credbroker"));
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.database().user()).isEmpty();
        assertThat(config.database().password()).isEmpty();
        assertThat(config.crypto().masterKey()).isEmpty();
        assertThat(config.crypto().masterKeyFile()).isEmpty();
        assertThat(config.crypto().masterPassphrase()).isEmpty();
        assertThat(config.adminKey()).isEmpty();
        assertThat(config.refresh().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.refresh().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.refresh().allowInsecureTokenUrls()).isFalse();
        assertThat(config.cacheMaxEntries()).isEqualTo(10_000);
        assertThat(config.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxBodyBytes()).isEqualTo(65_536);
        assertThat(config.crypto().keyTermMaxEncryptions()).isEqualTo(1L << 31);
        assertThat(config.crypto().rewrapInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.authFailureLimit()).isEqualTo(20);
        assertThat(config.logFormat()).isEqualTo("auto");
    }

    @Test
    void derivesH2UrlFromAbsoluteDataDirWithoutOptions() {
        BrokerConfig config = ConfigLoader.load(Map.of("CREDBROKER_DATA_DIR", tmp + "/x/../store"));

        assertThat(config.dataDir()).isEqualTo(tmp.resolve("store"));
        assertThat(config.database().url()).isEqualTo("jdbc:h2:file:" + tmp.resolve("store/credbroker"));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        Path file = write("broker.properties", """
                CREDBROKER_PORT=9090
                CREDBROKER_LOG_FORMAT=text
                CREDBROKER_REFRESH_WINDOW=PT10M
                """);
        Map<String, String> env = Map.of(
                "CREDBROKER_CONFIG", file.toString(),
                "CREDBROKER_PORT", "9191");

        BrokerConfig config = ConfigLoader.load(env);

        assertThat(config.port()).isEqualTo(9191);
        assertThat(config.logFormat()).isEqualTo("text");
        assertThat(config.refresh().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.refresh().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void reportsEveryBadValueTogether() {
        Map<String, String> env = new HashMap<>();
        env.put("CREDBROKER_PORT", "70000");
        env.put("CREDBROKER_DB_URL", "jdbc:mysql://db/credbroker");
        env.put("CREDBROKER_REFRESH_WINDOW", "5m");
        env.put("CREDBROKER_REFRESH_INTERVAL", "PT-1S");
        env.put("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "yes");
        env.put("CREDBROKER_CACHE_MAX_ENTRIES", "0");
        env.put("CREDBROKER_CACHE_TTL", "");
        env.put("CREDBROKER_MAX_BODY_BYTES", "64k");
        env.put("CREDBROKER_KEY_TERM_MAX_ENCRYPTIONS", Long.toString(1L << 33));
        env.put("CREDBROKER_REWRAP_INTERVAL", "PT0S");
        env.put("CREDBROKER_AUTH_FAILURE_LIMIT", "-1");
        env.put("CREDBROKER_LOG_FORMAT", "xml");
        env.put("CREDBROKER_MASTER_KEY", "AAAA");
        env.put("CREDBROKER_MASTER_PASSPHRASE", "correct horse battery staple");
        env.put("CREDBROKER_REFRESH_WINDOWS", "PT1M");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));

        assertThat(e.problems()).hasSize(15);
        assertThat(e.getMessage()).startsWith("Invalid configuration (15 problems):");
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .isEqualTo("CREDBROKER_PORT=\"70000\" (environment): must be a whole number from 0 to 65535"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("CREDBROKER_REFRESH_WINDOW=\"5m\"").contains("ISO-8601"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("CREDBROKER_REFRESH_INTERVAL=").endsWith("must be a positive duration"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("CREDBROKER_CACHE_TTL").contains("empty"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS").endsWith("must be true or false"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("CREDBROKER_LOG_FORMAT").endsWith("must be one of auto, json, text"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("CREDBROKER_MASTER_KEY (environment)").contains("decodes to 3 bytes"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("Only one master key source"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("CREDBROKER_REFRESH_WINDOWS").endsWith("unknown configuration key"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("CREDBROKER_DB_URL (environment)").contains("jdbc:postgresql:"));
        assertThat(e.problems()).noneMatch(p -> p.contains("jdbc:mysql"));
    }

    @Test
    void reportsProblemsFromTheFileWithTheirOrigin() throws IOException {
        Path file = write("bad.properties", "CREDBROKER_PORT=http\nCREDBROKER_CONFIG=/elsewhere\nCREDBROKER_PROT=1\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("CREDBROKER_CONFIG", file.toString())));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "CREDBROKER_CONFIG (file " + file + "): may only be set in the environment",
                "\"CREDBROKER_PROT\" (file " + file + "): unknown configuration key",
                "CREDBROKER_PORT=\"http\" (file " + file + "): must be a whole number from 0 to 65535");
    }

    @Test
    void reportsMissingConfigFile() {
        Path missing = tmp.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("CREDBROKER_CONFIG", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist or is not readable");
    }

    @Test
    void acceptsBase64MasterKeyOfExactly32Bytes() {
        BrokerConfig config = ConfigLoader.load(Map.of("CREDBROKER_MASTER_KEY", VALID_KEY));

        assertThat(config.crypto().masterKey()).contains(Secret.of(VALID_KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", " ", "\r\n"})
    void rejectsMasterKeyWithSurroundingWhitespace(String whitespace) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("CREDBROKER_MASTER_KEY", VALID_KEY + whitespace)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CREDBROKER_MASTER_KEY (environment): has leading or trailing whitespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "AAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void rejectsMasterKeyThatIsNotBase64Of32Bytes(String value) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("CREDBROKER_MASTER_KEY", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be standard base64 of exactly 32 bytes")
                .hasMessageNotContaining(value);
    }

    @Test
    void rejectsMoreThanOneMasterKeySource() {
        Map<String, String> env = Map.of(
                "CREDBROKER_MASTER_KEY", VALID_KEY,
                "CREDBROKER_MASTER_KEY_FILE", tmp.resolve("master.key").toString());

        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Only one master key source may be set, found "
                        + "CREDBROKER_MASTER_KEY, CREDBROKER_MASTER_KEY_FILE");
    }

    @Test
    void rejectsH2AutoServer() {
        Map<String, String> env = Map.of("CREDBROKER_DB_URL", "jdbc:h2:file:/tmp/x;auto_server=true");

        assertThatThrownBy(() -> ConfigLoader.load(env)).hasMessageContaining("AUTO_SERVER");
    }

    @Test
    void acceptsPostgresUrlAndCredentials() {
        BrokerConfig config = ConfigLoader.load(Map.of(
                "CREDBROKER_DB_URL", "jdbc:postgresql://db:5432/credbroker",
                "CREDBROKER_DB_USER", "broker",
                "CREDBROKER_DB_PASSWORD", "pw"));

        assertThat(config.embeddedDatabase()).isFalse();
        assertThat(config.database().user()).contains("broker");
        assertThat(config.database().password()).contains(Secret.of("pw"));
    }

    @Test
    void quotesLongOrMultiLineValuesTruncatedAndEscaped() {
        String value = "x".repeat(100) + "\n";

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("CREDBROKER_LOG_FORMAT", value)));

        assertThat(e.problems()).containsExactly(
                "CREDBROKER_LOG_FORMAT=\"" + "x".repeat(40) + "...\" (environment): must be one of auto, json, text");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }
}
