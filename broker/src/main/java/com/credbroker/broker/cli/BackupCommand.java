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
import java.net.http.HttpRequest;
import java.nio.file.StandardOpenOption;
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
 * The archive is created mode 0600 either way.
 */
@Command(name = "backup", description = "Write a logical, authenticated backup of the database to a zip file.")
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, description = "the zip file to write (must not exist)")
    Path out;
    @Option(names = "--url", description = AdminApi.URL_HELP)
    String url;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            throw CliException.usage(out + " exists; choose a new file");
        }
        if (url != null) {
            return viaServer();
        }
        BrokerConfig config = ConfigLoader.load(System.getenv());
        if (!Database.databaseExists(config.database())) {
            throw CliException.failed("no broker database to back up (data directory " + config.dataDir()
                    + ", or the database of CREDBROKER_DB_URL)");
        }
        MasterKey masterKey = BrokerStorage.verifiedMasterKey(config, Clock.systemUTC(), new SecureRandom(),
                new BouncyCastleProvider());
        try (var connection = Database.openReadOnly(config.database())) {
            BackupService.write(connection, out.toAbsolutePath(), ArchiveSigner.of(masterKey), Clock.systemUTC());
        } catch (BackupRefusedException e) {
            throw CliException.failed("backup refused: " + e.getMessage());
        }
        spec.commandLine().getOut().printf("backup written to %s (%d bytes)%n", out, Files.size(out));
        return 0;
    }
    private int viaServer() throws Exception {
        AdminApi api = AdminApi.at(url, Duration.ofMinutes(10));
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        Files.deleteIfExists(partial); // left by an interrupted run of this command
        PrivateFiles.create(partial);
        try {
            HttpResponse<Path> response = api.send(api.request(BackupRoutes.PATH)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofFile(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
            if (response.statusCode() != 200) {
                throw AdminApi.refused(response.statusCode(), Files.readString(partial));
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        spec.commandLine().getOut().printf("backup written to %s (%d bytes)%n", out, Files.size(out));
        return 0;
    }
}
