package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.broker.backup.ArchiveSigner;
import com.credbroker.broker.backup.BackupRoutes;
import com.credbroker.broker.backup.BackupService;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.storage.backup.BackupRefusedException;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.db.Database;
import java.security.SecureRandom;
import java.time.Clock;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backup --out F}: a logical backup of the broker's database (H2 or PostgreSQL), authenticated under a
 * key derived from the master key. With {@code --url} a running broker takes it while serving
 * ({@code POST /admin/backup}; the embedded database is locked by that broker); without, the database is read
 * on a read-only connection after the configured master key has been proven against it (nothing in it changes).
 */
@Command(name = "backup", description = "Write a logical, authenticated backup of the database to a zip file.")
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, description = "the zip file to write (must not exist)")
    Path out;
    @Option(names = "--url", description = "a running broker, e.g. http://127.0.0.1:8080 (admin key from CREDBROKER_ADMIN_KEY)")
    String url;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            spec.commandLine().getErr().println("credbroker: " + out + " exists; choose a new file");
            return StartupFailures.FAILED;
        }
        if (url != null) {
            return viaServer();
        }
        BrokerConfig config = ConfigLoader.load(System.getenv());
        if (!Database.databaseExists(config.database())) {
            spec.commandLine().getErr().println("credbroker: no broker database to back up (data directory "
                    + config.dataDir() + ", or the database of CREDBROKER_DB_URL)");
            return StartupFailures.FAILED;
        }
        MasterKey masterKey = BrokerStorage.verifiedMasterKey(config, Clock.systemUTC(), new SecureRandom(),
                new BouncyCastleProvider());
        try (var connection = Database.openReadOnly(config.database())) {
            BackupService.write(connection, out.toAbsolutePath(), ArchiveSigner.of(masterKey), Clock.systemUTC());
        } catch (BackupRefusedException e) {
            spec.commandLine().getErr().println("credbroker: backup refused: " + e.getMessage());
            return StartupFailures.FAILED;
        }
        spec.commandLine().getOut().printf("backup written to %s (%d bytes)%n", out, Files.size(out));
        return 0;
    }
    private int viaServer() throws Exception {
        Optional<AdminPost> post = AdminPost.to(spec, url, BackupRoutes.PATH, Duration.ofMinutes(10));
        if (post.isEmpty()) {
            return StartupFailures.CONFIG_INVALID;
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        HttpResponse<Path> response = post.get().send(HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
            spec.commandLine().getErr().println("credbroker: backup refused: HTTP " + response.statusCode() + " "
                    + Files.readString(partial));
            Files.deleteIfExists(partial);
            return StartupFailures.FAILED;
        }
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        spec.commandLine().getOut().printf("backup written to %s (%d bytes)%n", out, Files.size(out));
        return 0;
    }
}
