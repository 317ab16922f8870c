package com.credbroker.storage.testing;

import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.db.H2Urls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Child process for the durability test: opens the H2 file database in {@code args[0]} with the
 * base64 key {@code args[1]}, then upserts credentials one by one forever, printing {@code ack <id>}
 * after each commit returns. The parent kills it with SIGKILL. IDs are {@code cred_<args[2]>_<n>} (the
 * optional {@code args[2]} defaults to {@code kill}, so runs on one database can keep theirs apart), with
 * access token {@code token-<n>}.
 */
public final class KillNineWriter {
    private KillNineWriter() {
    }

    private static Connection keepOpen;

    public static void main(String[] args) throws SQLException {
        JdbcCredentialRepository repository = new JdbcCredentialRepository(dataSource(args),
                TestCrypto.cryptographer(Base64.getDecoder().decode(args[1])));
        String run = args.length > 2 ? args[2] : "kill";
        for (long i = 0; ; i++) {
            String id = "cred_" + run + "_" + i;
            repository.upsert(CredentialBuilder.aCredential().credentialId(id).connectionId("conn_" + run + "_" + i)
                    .accessToken("token-" + i).build());
            System.out.println("ack " + id);
            System.out.flush();
        }
    }

    /**
     * The broker's pool, migrated by Flyway; or, with {@code args[3]} = {@code migrated} (a database already
     * migrated), one plain H2 data source on the very URL the broker uses: the same durability settings,
     * without the pool's and Flyway's start-up cost, for tests that start hundreds of writers.
     */
    private static DataSource dataSource(String[] args) throws SQLException {
        Path dataDir = Path.of(args[0]);
        if (args.length > 3 && "migrated".equals(args[3])) {
            JdbcDataSource plain = new JdbcDataSource();
            plain.setURL(H2Urls.defaultUrl(dataDir));
            keepOpen = plain.getConnection(); // H2 closes a database with its last connection: keep one
            return plain;
        }
        return TestDatabases.h2File(dataDir).dataSource();
    }
}
