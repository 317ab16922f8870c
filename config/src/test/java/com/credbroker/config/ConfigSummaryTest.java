package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSummaryTest {

    @Test
    void listsEveryKeyInDeclarationOrder() {
        Map<String, String> summary = ConfigLoader.load(Map.of()).describe();

        assertThat(summary.keySet()).containsExactlyElementsOf(
                ConfigTable.all().stream().map(ConfigKey::envName).toList());
        assertThat(summary).containsEntry("CREDBROKER_PORT", "8080")
                .containsEntry("CREDBROKER_REFRESH_WINDOW", "PT5M")
                .containsEntry("CREDBROKER_ADMIN_KEY", "unset");
    }

    @Test
    void masksPasswordsEmbeddedInJdbcUrls() {
        assertThat(ConfigSummary.maskUrl("jdbc:h2:file:/d/credbroker;USER=sa;PASSWORD=hunter2;X=1"))
                .isEqualTo("jdbc:h2:file:/d/credbroker;USER=sa;PASSWORD=[REDACTED];X=1");
        assertThat(ConfigSummary.maskUrl("jdbc:postgresql://bob:hunter2@db/x"))
                .isEqualTo("jdbc:postgresql://bob:[REDACTED]@db/x");
        assertThat(ConfigSummary.maskUrl("jdbc:postgresql://db/x?sslpassword=a&pwd=b"))
                .isEqualTo("jdbc:postgresql://db/x?sslpassword=[REDACTED]&pwd=[REDACTED]");
    }
}
