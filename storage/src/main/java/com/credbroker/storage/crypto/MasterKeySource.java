package com.credbroker.storage.crypto;

import com.credbroker.config.ConfigTable;
import com.credbroker.config.CryptoConfig;
import com.credbroker.config.DatabaseConfig;
import com.credbroker.config.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the master key from configuration: exactly one of {@code CREDBROKER_MASTER_KEY},
 * {@code CREDBROKER_MASTER_KEY_FILE} or {@code CREDBROKER_MASTER_PASSPHRASE}. With none of them and
 * the embedded H2 default, a random key is generated into {@code <dataDir>/master.key} (mode 0600)
 * and reused on later starts. Error messages and log lines name sources and paths, never values.
 * Thread-safe; holds no key material.
 */
public final class MasterKeySource {
    public static final String GENERATED_FILE_NAME = "master.key";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeySource.class);
    private static final String ENV_KEY = ConfigTable.MASTER_KEY.envName();
    private static final String ENV_FILE = ConfigTable.MASTER_KEY_FILE.envName();
    private static final String ENV_PASSPHRASE = ConfigTable.MASTER_PASSPHRASE.envName();

    private final SecureRandom random;

    public MasterKeySource(SecureRandom random) {
        this.random = random;
    }

    /**
     * Resolves the master key. {@code storedKdf} is consulted only for a passphrase: it returns the
     * Argon2id salt and parameters recorded in the keyring (empty for a fresh database, in which case a
     * new salt is drawn; {@link KeyringService#open()} records it).
     */
    public MasterKey resolve(CryptoConfig config, DatabaseConfig database, Supplier<Optional<PassphraseKdf>> storedKdf) {
        return resolve(config, database, storedKdf, true);
    }

    /**
     * As {@link #resolve}, for a database that already exists: with no key configured, only an existing
     * generated key file is used. A new key is never generated (it could not open the database, and
     * writing it would change the data directory of a broker that refuses to start).
     */
    public MasterKey resolveForExisting(CryptoConfig config, DatabaseConfig database,
            Supplier<Optional<PassphraseKdf>> storedKdf) {
        return resolve(config, database, storedKdf, false);
    }

    private MasterKey resolve(CryptoConfig config, DatabaseConfig database, Supplier<Optional<PassphraseKdf>> storedKdf,
            boolean mayGenerate) {
        List<String> given = new ArrayList<>();
        config.masterKey().ifPresent(k -> given.add(ENV_KEY));
        config.masterKeyFile().ifPresent(f -> given.add(ENV_FILE));
        config.masterPassphrase().ifPresent(p -> given.add(ENV_PASSPHRASE));
        if (given.size() > 1) {
            throw new MasterKeyException("more than one master key source is set (" + String.join(", ", given)
                    + "); set exactly one");
        }
        if (config.masterKey().isPresent()) {
            return MasterKey.fromBase64(config.masterKey().get().reveal(), ENV_KEY);
        }
        if (config.masterKeyFile().isPresent()) {
            return readKeyFile(config.masterKeyFile().get());
        }
        if (config.masterPassphrase().isPresent()) {
            return fromPassphrase(config.masterPassphrase().get(), storedKdf);
        }
        if (!database.embedded()) {
            throw new MasterKeyException("no master key: set one of " + ENV_KEY + ", " + ENV_FILE + " or "
                    + ENV_PASSPHRASE + " (a key is generated only for the embedded H2 database)");
        }
        if (!mayGenerate && !Files.exists(database.dataDir().resolve(GENERATED_FILE_NAME))) {
            throw new MasterKeyException("no master key: the database in " + database.dataDir() + " exists, but none of "
                    + ENV_KEY + ", " + ENV_FILE + " or " + ENV_PASSPHRASE + " is set and there is no generated "
                    + GENERATED_FILE_NAME + "; supply the current master key of this database");
        }
        return generatedKey(database.dataDir());
    }

    private MasterKey fromPassphrase(Secret passphrase, Supplier<Optional<PassphraseKdf>> storedKdf) {
        if (passphrase.isEmpty()) {
            throw new MasterKeyException(ENV_PASSPHRASE + " is empty");
        }
        PassphraseKdf kdf = storedKdf.get().orElseGet(() -> PassphraseKdf.generate(random));
        return kdf.derive(passphrase);
    }

    /** Reads a base64 key file; one trailing line break is allowed, anything else is refused. */
    public static MasterKey readKeyFile(Path file) {
        String origin = "master key file " + file;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new MasterKeyException(origin + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        warnIfReadableByOthers(file);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return MasterKey.fromBase64(text, origin);
    }

    private MasterKey generatedKey(Path dataDir) {
        Path file = dataDir.resolve(GENERATED_FILE_NAME);
        if (Files.exists(file)) {
            LOG.warn("Using the generated master key file {}; production deployments must supply their own key"
                    + " via {}, {} or {}", file, ENV_KEY, ENV_FILE, ENV_PASSPHRASE);
            return readKeyFile(file);
        }
        MasterKey key = MasterKey.generate(random);
        try {
            createPrivateDirectory(dataDir);
            writePrivateFile(file, (key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            return readKeyFile(file); // another process generated it first
        } catch (IOException e) {
            throw new MasterKeyException("cannot write the generated master key file " + file
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
        LOG.warn("*** GENERATED A NEW MASTER KEY in {} (mode 0600). Anyone with this file can decrypt every"
                + " credential. Production MUST supply its own key via {}, {} or {}, kept outside the data"
                + " directory, and back it up: losing it loses every credential. ***", file, ENV_KEY, ENV_FILE,
                ENV_PASSPHRASE);
        return key;
    }

    /**
     * After {@code rotate-master-key} on a broker that uses the generated key: moves {@code <dataDir>/master.key}
     * aside to {@code master.key.replaced-<UTC time>} (mode 0600; backups made before the rotation need it) and
     * writes {@code newKey} in its place (mode 0600), so the broker starts as before. Returns where the old key went.
     */
    public static Path replaceGeneratedKeyFile(Path dataDir, MasterKey newKey, Instant now) throws IOException {
        Path file = dataDir.resolve(GENERATED_FILE_NAME);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        Path aside = dataDir.resolve(GENERATED_FILE_NAME + ".replaced-" + stamp);
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        if (isPosix(aside)) {
            Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
        }
        writePrivateFile(file, (newKey.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII));
        return aside;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void writePrivateFile(Path file, byte[] content) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, privateFile(file))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static FileAttribute<?>[] privateFile(Path file) {
        if (!isPosix(file)) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    private static boolean isPosix(Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfReadableByOthers(Path file) {
        if (!isPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("master key file {} is readable by group or others; restrict it to mode 0600", file);
            }
        } catch (IOException e) {
            LOG.debug("cannot read the permissions of {}", file);
        }
    }
}
