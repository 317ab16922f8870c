package com.credbroker.storage.crypto;

import static com.credbroker.storage.crypto.CryptoFixtures.RANDOM;
import static com.credbroker.storage.crypto.CryptoFixtures.h2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's start sequence on a real H2 file: verify on a read-only connection, before migrations. */
class WrongMasterKeyFileDbIT {
    @TempDir
    Path dir;

    @Test
    void wrongMasterKeyRefusesToStartAndLeavesTheDatabaseFilesByteForByteUnchanged() throws IOException {
        String url = "jdbc:h2:file:" + dir.resolve("credbroker").toAbsolutePath();
        MasterKey right = MasterKey.generate(RANDOM);
        DataSource writable = h2(url);
        CryptoFixtures.migrate(writable);
        KeyringService first = CryptoFixtures.service(writable, right, KeyringService.DEFAULT_MAX_ENCRYPTIONS_PER_TERM);
        first.open().seal(new byte[] {1, 2, 3}, "connection:cred_1");
        first.close();
        Map<String, byte[]> before = snapshot(dir);

        DataSource readOnly = h2(url + ";ACCESS_MODE_DATA=r");
        KeyringService wrong = CryptoFixtures.service(readOnly, MasterKey.generate(RANDOM),
                KeyringService.DEFAULT_MAX_ENCRYPTIONS_PER_TERM);

        assertThatThrownBy(wrong::verifyMasterKey).isInstanceOf(WrongMasterKeyException.class);
        assertThat(CryptoFixtures.service(readOnly, right, KeyringService.DEFAULT_MAX_ENCRYPTIONS_PER_TERM)
                .verifyMasterKey()).isEqualTo(KeyringState.VERIFIED);
        Map<String, byte[]> after = snapshot(dir);
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void verifyOnAFreshFileDatabaseSaysUninitialised() {
        String url = "jdbc:h2:file:" + dir.resolve("fresh").toAbsolutePath();

        KeyringService service = CryptoFixtures.service(h2(url), MasterKey.generate(RANDOM),
                KeyringService.DEFAULT_MAX_ENCRYPTIONS_PER_TERM);

        assertThat(service.verifyMasterKey()).isEqualTo(KeyringState.UNINITIALISED);
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
