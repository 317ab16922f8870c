package com.credbroker.broker.cli;

import com.credbroker.broker.backup.BackupRoutes;
import com.credbroker.broker.backup.BackupService;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.storage.db.Database;
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
 * {@code backup --out F}: a consistent copy of the embedded database. With {@code --url} a running broker
 * takes it while serving ({@code POST /admin/backup}; the embedded database is locked by that broker);
 * without, the database of a stopped broker is read (opened read-only, nothing in it changes).
 */
@Command(name = "backup", description = "Write a consistent copy of the embedded database to a zip file.")
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
        if (!config.embeddedDatabase() || !Database.databaseExists(config)) {
            spec.commandLine().getErr().println("credbroker: no embedded database in " + config.dataDir()
                    + " (PostgreSQL is backed up with pg_dump)");
            return StartupFailures.FAILED;
        }
        try (var connection = Database.openReadOnly(config)) {
            BackupService.backupTo(connection, out.toAbsolutePath());
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
