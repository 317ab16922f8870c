package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one table: every record component is filled by exactly one key, and the builder and the loader agree. */
class ConfigTableTest {

    @Test
    void everyComponentOfTheRecordTreeIsFilledByExactlyOneKey() {
        assertThatCode(() -> RecordTree.verify(ConfigTable.all())).doesNotThrowAnyException();
    }

    @Test
    void aComponentWithoutAKeyIsFoundAtOnce() {
        List<ConfigKey<?>> withoutPort = new ArrayList<>(ConfigTable.all());
        withoutPort.remove(ConfigTable.PORT);

        assertThatThrownBy(() -> RecordTree.verify(withoutPort))
                .hasMessageContaining("BrokerConfig.port is filled by no key");
    }

    @Test
    void aKeyOfTheWrongTypeOrForAMissingComponentIsFoundAtOnce() {
        List<ConfigKey<?>> keys = new ArrayList<>(ConfigTable.all());
        keys.remove(ConfigTable.LOG_FORMAT);
        keys.add(new ConfigKey<>("LOG_FORMAT", "1", ValueTypes.intIn(0, 1), BrokerConfig.class, "logFormat", "x"));
        keys.add(new ConfigKey<>("NOWHERE", null, ValueTypes.text(), ServerConfig.class, "nowhere", "x"));

        assertThatThrownBy(() -> RecordTree.verify(keys))
                .hasMessageContaining("CREDBROKER_LOG_FORMAT is a Integer, but BrokerConfig.logFormat is a String")
                .hasMessageContaining("CREDBROKER_NOWHERE names ServerConfig.nowhere, which does not exist");
    }

    @Test
    void namesAreUniqueAndSecretsAreSensitive() {
        assertThat(ConfigTable.all()).extracting(ConfigKey::envName).doesNotHaveDuplicates();
        assertThat(ConfigTable.all()).filteredOn(ConfigKey::sensitive).extracting(ConfigKey::envName)
                .containsExactly("CREDBROKER_DB_URL", "CREDBROKER_DB_PASSWORD", "CREDBROKER_MASTER_KEY",
                        "CREDBROKER_MASTER_PASSPHRASE", "CREDBROKER_ADMIN_KEY");
    }

    @Test
    void theBuilderStartsFromWhatAnEmptyEnvironmentLoads() {
        assertThat(BrokerConfig.builder().build()).isEqualTo(ConfigLoader.load(Map.of()));
    }

    @Test
    void toBuilderKeepsEveryValueAndSetChangesOnlyItsKey() {
        BrokerConfig loaded = ConfigLoader.load(Map.of("CREDBROKER_PORT", "9000",
                "CREDBROKER_DB_URL", "jdbc:postgresql://db/x", "CREDBROKER_DB_PASSWORD", "pw",
                "CREDBROKER_AUDIT_RETENTION", "P7D", "CREDBROKER_TEST_ALLOWED_HOSTS", "a.example.com"));

        assertThat(loaded.toBuilder().build()).isEqualTo(loaded);
        BrokerConfig changed = loaded.toBuilder().set(ConfigTable.REFRESH_LEASE, Duration.ofMinutes(9)).build();
        assertThat(changed.refresh().lease()).isEqualTo(Duration.ofMinutes(9));
        assertThat(changed.toBuilder().set(ConfigTable.REFRESH_LEASE, loaded.refresh().lease()).build())
                .isEqualTo(loaded);
    }

    @Test
    void anUnsetDatabaseUrlIsTheH2FileInTheDataDirectory() {
        BrokerConfig config = BrokerConfig.builder().set(ConfigTable.DATA_DIR, Path.of("/srv/broker")).build();

        assertThat(config.database().url()).isEqualTo("jdbc:h2:file:/srv/broker/credbroker");
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.database().user()).isEqualTo(Optional.empty());
    }
}
