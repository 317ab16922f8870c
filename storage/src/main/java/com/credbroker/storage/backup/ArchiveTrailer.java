package com.credbroker.storage.backup;

import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.PassphraseKdf;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The fixed-length end of every archive, written as the zip's comment (so the archive stays a zip an
 * operator can list): a marker, the passphrase KDF's salt and cost when the master key comes from a
 * passphrase (restore needs them to derive the key before it may look inside), and the hex HMAC of every
 * byte of the file before the tag. It is found at a fixed offset from the end, without reading the zip.
 */
final class ArchiveTrailer {
    static final String MARKER = "credbroker-backup v1 kdf=";
    private static final int KDF_FIELD = 200;
    private static final String MAC_LABEL = " mac=";
    static final int TAG_CHARS = ArchiveKey.MAC_BYTES * 2;
    static final int LENGTH = MARKER.length() + KDF_FIELD + MAC_LABEL.length() + TAG_CHARS;
    /** Longest Argon2id memory cost accepted from a trailer (4 GiB, in KiB): a trailer cannot ask for more. */
    private static final int MAX_KDF_MEMORY_KIB = 4 * 1024 * 1024;
    private static final int MAX_KDF_ITERATIONS = 64;
    private static final int MAX_KDF_PARALLELISM = 16;

    private final String kdfField;
    private final byte[] tag;

    private ArchiveTrailer(String kdfField, byte[] tag) {
        this.kdfField = kdfField;
        this.tag = tag;
    }

    /** The comment to write, with a zero tag to be replaced once the rest of the file is known. */
    static String unsigned(Optional<PassphraseKdf> kdf) {
        String field = kdf.map(k -> k.parameters() + "," + Base64.getEncoder().encodeToString(k.salt())).orElse("-");
        if (field.length() > KDF_FIELD) {
            throw new IllegalStateException("the key derivation parameters do not fit an archive trailer");
        }
        return MARKER + field + " ".repeat(KDF_FIELD - field.length()) + MAC_LABEL + "0".repeat(TAG_CHARS);
    }

    /** Parses the last {@link #LENGTH} bytes of a file; refused when they are not a trailer. */
    static ArchiveTrailer parse(byte[] last) {
        String text = new String(last, StandardCharsets.ISO_8859_1);
        int macAt = MARKER.length() + KDF_FIELD;
        if (last.length != LENGTH || !text.startsWith(MARKER) || !text.startsWith(MAC_LABEL, macAt)) {
            throw notABackup();
        }
        if (!text.substring(macAt + MAC_LABEL.length()).matches("[0-9a-f]{" + TAG_CHARS + "}")) {
            throw notABackup(); // lower case only: one archive has one spelling of its tag
        }
        try {
            byte[] tag = HexFormat.of().parseHex(text, macAt + MAC_LABEL.length(), LENGTH);
            return new ArchiveTrailer(text.substring(MARKER.length(), macAt).strip(), tag);
        } catch (IllegalArgumentException e) {
            throw notABackup();
        }
    }

    static BackupRefusedException notABackup() {
        return new BackupRefusedException("the file is not a credbroker backup archive (no authentication"
                + " trailer; archives of the database file written by earlier versions are not accepted)");
    }

    byte[] tag() {
        return tag.clone();
    }

    /**
     * The passphrase KDF named in the trailer. Not yet authenticated: it is only an input to the key derivation
     * (a wrong one derives a key under which the tag fails), and its cost is bounded here.
     */
    Optional<PassphraseKdf> passphraseKdf() {
        if ("-".equals(kdfField)) {
            return Optional.empty();
        }
        int comma = kdfField.indexOf(',');
        try {
            PassphraseKdf kdf = PassphraseKdf.parse(Base64.getDecoder().decode(kdfField.substring(comma + 1)),
                    kdfField.substring(0, Math.max(comma, 0)));
            if (kdf.memoryKib() > MAX_KDF_MEMORY_KIB || kdf.iterations() > MAX_KDF_ITERATIONS
                    || kdf.parallelism() > MAX_KDF_PARALLELISM) {
                throw new BackupRefusedException("the archive asks for a passphrase key derivation costlier than"
                        + " any this broker makes");
            }
            return Optional.of(kdf);
        } catch (IllegalArgumentException e) {
            throw notABackup();
        }
    }
}
