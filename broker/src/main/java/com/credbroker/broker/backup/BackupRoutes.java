package com.credbroker.broker.backup;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.http.RouteTable;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code POST /admin/backup}: a logical, authenticated backup of the database (H2 or PostgreSQL), taken while
 * serving and sent back as a zip (the server-side file is deleted once sent). The {@code backup --url}
 * command calls it.
 */
public final class BackupRoutes {
    public static final String PATH = "/v1/personal-connectors/admin/backup";

    private final BackupService backups;
    private final Guard guard;

    public BackupRoutes(BackupService backups, Guard guard) {
        this.backups = backups;
        this.guard = guard;
    }

    public void register(RouteTable routes) {
        routes.post(PATH, this::backup);
    }

    private void backup(Context ctx) throws IOException {
        Path archive = backups.create(guard.require(ctx, AuditAction.BACKUP_CREATE, null, ADMIN).actor());
        ctx.status(200).contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"credbroker-backup.zip\"")
                .header("Content-Length", Long.toString(Files.size(archive)))
                .result(Files.newInputStream(archive, StandardOpenOption.DELETE_ON_CLOSE));
    }
}
