package com.credbroker.broker.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /admin/backup}: admin scope only, a logical archive of the rows, audited, no copy left on the server. */
class BackupEndpointIT {
    @TempDir
    Path dataDir;

    @Test
    void onlyAnAdminKeyGetsTheArchiveAndNoCopyStaysBehind() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            broker.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_b", "tok-b", 3600));
            Map<String, String> reader = Fixtures.key(broker.http, "api", "credentials:read", "credentials:write");

            HttpResponse<String> refused = broker.http.post(BackupRoutes.PATH, reader, "");
            HttpResponse<byte[]> archive = broker.http.postForBytes(BackupRoutes.PATH, RunningBroker.admin());

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(archive.statusCode()).isEqualTo(200);
            assertThat(archive.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(entries(archive.body())).contains("manifest.json", "tables/credentials.jsonl",
                    "tables/api_keys.jsonl", "tables/keyring_terms.jsonl").doesNotContain("credbroker.mv.db")
                    .noneMatch(name -> name.startsWith("tables/audit") || name.contains("flyway"));
            try (Stream<Path> left = Files.list(dataDir.resolve("backups"))) {
                assertThat(left).isEmpty();
            }
            assertThat(broker.http.get("/v1/personal-connectors/admin/audit", RunningBroker.admin()).body())
                    .contains("backup.create");
        }
    }

    private static List<String> entries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
