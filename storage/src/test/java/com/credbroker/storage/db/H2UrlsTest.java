package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class H2UrlsTest {
    @Test
    void defaultUrlIsAnAbsoluteFileUrlWithoutWriteDelay() {
        String url = H2Urls.defaultUrl(Path.of("data"));
        assertThat(url).startsWith("jdbc:h2:file:/").contains("/data/credbroker;").contains(";WRITE_DELAY=0")
                .doesNotContainIgnoringCase("AUTO_SERVER");
        assertThat(H2Urls.filePath(url)).contains(Path.of("data").toAbsolutePath().resolve("credbroker"));
    }

    @Test
    void hardenAddsWriteDelayOnlyToFileUrls() {
        assertThat(H2Urls.harden("jdbc:h2:file:/x/db")).isEqualTo("jdbc:h2:file:/x/db;WRITE_DELAY=0");
        assertThat(H2Urls.harden("jdbc:h2:mem:t")).isEqualTo("jdbc:h2:mem:t");
        assertThat(H2Urls.harden("jdbc:h2:/x/db;WRITE_DELAY=0")).isEqualTo("jdbc:h2:/x/db;WRITE_DELAY=0");
    }

    @Test
    void hardenRefusesServersAndDelays() {
        assertThatThrownBy(() -> H2Urls.harden("jdbc:h2:tcp://localhost/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> H2Urls.harden("jdbc:h2:/x;AUTO_SERVER=TRUE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> H2Urls.harden("jdbc:h2:/x;WRITE_DELAY=10")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrationsByDialect() {
        assertThat(Database.migrationLocation("jdbc:h2:mem:x")).isEqualTo("classpath:db/migration/h2");
        assertThat(Database.migrationLocation("jdbc:postgresql://h/db")).isEqualTo("classpath:db/migration/postgresql");
        assertThatThrownBy(() -> Database.migrationLocation("jdbc:mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
    }
}
