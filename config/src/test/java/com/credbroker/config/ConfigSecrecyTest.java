package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recognizable canary is planted in every secret slot; it must never come back out. */
class ConfigSecrecyTest {
    private static final String CANARY = "CANARY-7f3a9c-do-not-print";

    @TempDir
    Path tmp;

    @Test
    void canaryNeverAppearsInProblemsFromTheEnvironment() {
        Map<String, String> env = Map.of(
                "CREDBROKER_MASTER_KEY", CANARY,
                "CREDBROKER_MASTER_PASSPHRASE", CANARY,
                "CREDBROKER_ADMIN_KEY", CANARY,
                "CREDBROKER_DB_PASSWORD", CANARY,
                "CREDBROKER_DB_URL", "jdbc:mysql://u:" + CANARY + "@db/x",
                "CREDBROKER_MASTERKEY", CANARY);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));

        assertThat(e.problems()).hasSize(4).noneMatch(p -> p.contains(CANARY));
        assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("7f3a9c");
        assertThat(String.valueOf(e.getCause())).doesNotContain(CANARY);
    }

    @Test
    void canaryNeverAppearsInProblemsFromTheFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("c.properties"),
                "CREDBROKER_MASTER_KEY=" + CANARY + "\nCREDBROKER_ADMIN_KEY=\n"
                        + "CREDBROKER_MASTER_KEY_FILE=/k\nCREDBROKER_ADMINKEY=" + CANARY + "\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("CREDBROKER_CONFIG", file.toString())));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).doesNotContain(CANARY);
    }

    @Test
    void canaryNeverAppearsInSummaryOrToString() {
        String key = Base64.getEncoder().encodeToString(CANARY.substring(0, 26).concat("------").getBytes());
        BrokerConfig config = ConfigLoader.load(Map.of(
                "CREDBROKER_MASTER_KEY", key,
                "CREDBROKER_ADMIN_KEY", CANARY,
                "CREDBROKER_DB_PASSWORD", CANARY,
                "CREDBROKER_DB_URL", "jdbc:postgresql://db/x?user=u&password=" + CANARY + "&ssl=true"));

        assertThat(config.describe().toString()).doesNotContain(CANARY).doesNotContain(key);
        assertThat(config.toString()).doesNotContain(CANARY).doesNotContain(key);
        assertThat(config.describe())
                .containsEntry("CREDBROKER_MASTER_KEY", "set")
                .containsEntry("CREDBROKER_ADMIN_KEY", "set")
                .containsEntry("CREDBROKER_DB_PASSWORD", "set")
                .containsEntry("CREDBROKER_MASTER_PASSPHRASE", "unset")
                .containsEntry("CREDBROKER_DB_URL", "jdbc:postgresql://db/x?user=u&password=[REDACTED]&ssl=true");
    }
}
