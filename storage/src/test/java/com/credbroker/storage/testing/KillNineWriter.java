package com.credbroker.storage.testing;

import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.db.Database;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Child process for the durability test: opens the H2 file database in {@code args[0]} with the
 * base64 key {@code args[1]}, then upserts credentials one by one forever, printing {@code ack <id>}
 * after each commit returns. The parent kills it with SIGKILL.
 */
public final class KillNineWriter {
    private KillNineWriter() {
    }

    public static void main(String[] args) {
        Database database = TestDatabases.h2File(Path.of(args[0]));
        JdbcCredentialRepository repository = new JdbcCredentialRepository(database.dataSource(),
                TestCrypto.cryptographer(Base64.getDecoder().decode(args[1])));
        for (long i = 0; ; i++) {
            String id = "cred_kill_" + i;
            repository.upsert(CredentialBuilder.aCredential().credentialId(id).connectionId("conn_kill_" + i)
                    .accessToken("token-" + i).build());
            System.out.println("ack " + id);
            System.out.flush();
        }
    }
}
