package com.credbroker.storage.testing;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a database a {@link KillNineWriter} was killed on (for soak runs outside JUnit): opens the H2 file
 * database in {@code args[0]} with the base64 key {@code args[1]}, reads the acknowledged IDs listed one per
 * line in {@code args[2]}, and prints {@code checked <n> lost <m>} and each lost ID. Exit status 1 if any
 * acknowledged write is missing or holds another token.
 */
public final class KillNineCheck {
    private KillNineCheck() {
    }

    public static void main(String[] args) throws Exception {
        List<String> acked = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank()).toList();
        int lost = 0;
        try (Database database = TestDatabases.h2File(Path.of(args[0]))) {
            JdbcCredentialRepository repository = new JdbcCredentialRepository(database.dataSource(),
                    TestCrypto.cryptographer(Base64.getDecoder().decode(args[1])));
            for (String id : acked) {
                Optional<Credential> found = repository.findByCredentialId(id);
                String n = id.substring(id.lastIndexOf('_') + 1);
                if (found.isEmpty() || !("token-" + n).equals(found.get().secrets().credentials().get("access_token"))) {
                    lost++;
                    System.out.println("lost " + id);
                }
            }
        }
        System.out.println("checked " + acked.size() + " lost " + lost);
        System.exit(lost == 0 ? 0 : 1);
    }
}
