package com.credbroker.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.crypto.PassphraseKdf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive container on its own: authenticated as a whole before anything inside is read, and bounded
 * while it inflates. Archives here are signed with the right key, so each refusal below comes from the
 * check named, not from the HMAC.
 */
class ArchiveCopyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final MasterKey masterKey = MasterKey.generate(RANDOM);
    private final ArchiveKey key = ArchiveKey.derive(masterKey);

    @TempDir
    Path dir;

    @Test
    void aSignedArchiveVerifiesAndOneFlippedBitAnywhereDoesNot() throws Exception {
        Path archive = write("good.zip", List.of(manifestEntry(List.of("t")), table("t", "{\"a\":1}\n")));
        try (ArchiveCopy copy = ArchiveCopy.of(archive, BackupLimits.DEFAULTS);
             VerifiedArchive verified = copy.verify(key)) {
            assertThat(verified.manifest().tables()).extracting(BackupManifest.Table::name).containsExactly("t");
        }
        byte[] bytes = Files.readAllBytes(archive);
        for (int position = 0; position < bytes.length; position += position < bytes.length - 400 ? 7 : 1) {
            byte[] flipped = bytes.clone();
            flipped[position] ^= (byte) (1 << (position % 8));
            Path edited = Files.write(dir.resolve("edited.zip"), flipped);
            assertThatThrownBy(() -> verify(edited, key)).as("bit flipped at %d", position)
                    .isInstanceOf(BackupRefusedException.class);
        }
    }

    @Test
    void anArchiveSignedUnderAnotherMasterKeyIsRefused() throws Exception {
        Path archive = write("good.zip", List.of(manifestEntry(List.of()), table("t", "")));
        ArchiveKey other = ArchiveKey.derive(MasterKey.generate(RANDOM));
        assertThatThrownBy(() -> verify(archive, other)).isInstanceOf(BackupRefusedException.class)
                .hasMessageContaining("not authentic");
    }

    @Test
    void aSmallArchiveThatInflatesPastTheBoundIsRefusedEarly() throws Exception {
        Path archive = ZipBomb.signed(dir.resolve("bomb.zip"), 2048, key);
        long size = Files.size(archive);
        long started = System.nanoTime();

        assertThatThrownBy(() -> verify(archive, key)).isInstanceOf(BackupRefusedException.class)
                .hasMessageContaining("inflates to more than " + BackupLimits.DEFAULTS.maxInflatedBytes(size));

        long millis = (System.nanoTime() - started) / 1_000_000;
        org.slf4j.LoggerFactory.getLogger(ArchiveCopyTest.class).info("zip bomb: {} bytes inflating to 2 GiB,"
                + " refused after at most {} inflated bytes in {} ms", size, BackupLimits.DEFAULTS.maxInflatedBytes(size),
                millis);
        assertThat(size).isLessThan(4L * 1024 * 1024);
    }

    @Test
    void entriesABackupNeverWritesAreRefused() throws Exception {
        Path extra = write("extra.zip", List.of(manifestEntry(List.of()), new Entry("credbroker.mv.db", out -> {
        })));
        Path escaping = write("escaping.zip", List.of(manifestEntry(List.of()), new Entry("tables/../../x.jsonl",
                out -> { })));
        Path unlisted = write("unlisted.zip", List.of(manifestEntry(List.of()), table("t", "")));
        for (Path archive : List.of(extra, escaping)) {
            assertThatThrownBy(() -> verify(archive, key)).isInstanceOf(BackupRefusedException.class)
                    .hasMessageContaining("an entry a backup never writes");
        }
        assertThatThrownBy(() -> verify(unlisted, key)).hasMessageContaining("do not match its manifest");
    }

    @Test
    void aFileWithoutTheTrailerIsRefusedAsNoBackup() throws Exception {
        Path plain = Files.write(dir.resolve("plain.zip"), new byte[4096]);
        assertThatThrownBy(() -> ArchiveCopy.of(plain, BackupLimits.DEFAULTS).close())
                .hasMessageContaining("not a credbroker backup");
        Path big = Files.write(dir.resolve("big.zip"), new byte[8192]);
        assertThatThrownBy(() -> ArchiveCopy.of(big, new BackupLimits(4096, 64, 1 << 20, 16, 0, 1 << 20)).close())
                .hasMessageContaining("larger than 4096 bytes");
    }

    @Test
    void thePassphraseKdfTravelsInTheTrailerSoARestoreCanDeriveTheKeyFirst() throws Exception {
        PassphraseKdf kdf = PassphraseKdf.generate(RANDOM);
        Path file = dir.resolve("passphrase.zip");
        try (ArchiveWriter writer = ArchiveWriter.create(file, Optional.of(kdf), BackupLimits.DEFAULTS)) {
            writer.entry(BackupManifest.ENTRY, manifestEntry(List.of()).body());
            writer.finish(key);
        }
        try (ArchiveCopy copy = ArchiveCopy.of(file, BackupLimits.DEFAULTS)) {
            assertThat(copy.passphraseKdf()).contains(kdf);
            try (VerifiedArchive verified = copy.verify(key)) {
                assertThat(verified.manifest().tables()).isEmpty();
            }
        }
    }

    private static void verify(Path archive, ArchiveKey key) throws Exception {
        try (ArchiveCopy copy = ArchiveCopy.of(archive, BackupLimits.DEFAULTS);
             VerifiedArchive verified = copy.verify(key)) {
            assertThat(verified).isNotNull();
        }
    }

    private record Entry(String name, ArchiveWriter.Body body) {
    }

    private Path write(String name, List<Entry> entries) throws IOException {
        return write(name, entries, BackupLimits.DEFAULTS);
    }

    private Path write(String name, List<Entry> entries, BackupLimits limits) throws IOException {
        Path file = dir.resolve(name);
        try (ArchiveWriter writer = ArchiveWriter.create(file, Optional.empty(), limits)) {
            for (Entry entry : entries) {
                writer.entry(entry.name(), entry.body());
            }
            writer.finish(key);
        }
        return file;
    }

    private static Entry manifestEntry(List<String> tables) {
        BackupManifest manifest = new BackupManifest(1, "7", Instant.parse("2026-01-01T00:00:00Z"), "h2",
                tables.stream().map(t -> new BackupManifest.Table(t, 1, List.of("a"))).toList());
        return new Entry(BackupManifest.ENTRY, out -> out.write(manifest.toJson(new com.fasterxml.jackson.databind
                .ObjectMapper())));
    }

    private static Entry table(String name, String rows) {
        return new Entry("tables/" + name + ".jsonl", (OutputStream out) -> out.write(rows.getBytes(
                StandardCharsets.UTF_8)));
    }
}
