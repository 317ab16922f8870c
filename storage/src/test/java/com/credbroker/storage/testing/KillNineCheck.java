package com.credbroker.storage.testing;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a database {@link KillNineWriter}s were killed on: which acknowledged writes are missing or hold
 * another token. Used by the durability tests ({@link #lost}) and, as a program, by soak runs outside JUnit:
 * opens the H2 file database in {@code args[0]} with the base64 key {@code args[1]}, reads the acknowledged
 * IDs listed one per line in {@code args[2]}, and prints {@code checked <n> lost <m>} and each lost ID. Exit
 * status 1 if any acknowledged write is missing or holds another token.
 */
public final class KillNineCheck {
    private KillNineCheck() {
    }

    public static void main(String[] args) throws Exception {
        List<String> acked = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank()).toList();
        List<String> lost;
        try (Database database = TestDatabases.h2File(Path.of(args[0]))) {
            lost = lost(database, Base64.getDecoder().decode(args[1]), acked);
        }
        lost.forEach(id -> System.out.println("lost " + id));
        System.out.println("checked " + acked.size() + " lost " + lost.size());
        System.exit(lost.isEmpty() ? 0 : 1);
    }

    /** The acknowledged IDs (written by {@link KillNineWriter}) that are missing or do not hold their token. */
    public static List<String> lost(Database database, byte[] key, List<String> acked) {
        JdbcCredentialRepository repository =
                new JdbcCredentialRepository(database.dataSource(), TestCrypto.cryptographer(key));
        List<String> lost = new ArrayList<>();
        for (String id : acked) {
            Optional<Credential> found = repository.findByCredentialId(id);
            String n = id.substring(id.lastIndexOf('_') + 1);
            if (found.isEmpty() || !("token-" + n).equals(found.get().secrets().credentials().get("access_token"))) {
                lost.add(id);
            }
        }
        return lost;
    }
}
