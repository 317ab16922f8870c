package com.credbroker.storage.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.testing.DatabaseContract;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviours of an {@link ApiKeyRepository}. Subclasses supply the database (null for the fake). */
abstract class ApiKeyRepositoryContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    protected ApiKeyRepository repository;

    protected ApiKeyRepository newRepository() {
        return new JdbcApiKeyRepository(database.dataSource(), com.credbroker.storage.testing.TestCrypto.cryptographer());
    }

    @BeforeEach
    void open() throws Exception {
        repository = newRepository();
    }

    private static byte[] sha256(String secret) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void findsAKeyByTheHashOfItsSecretAndById() throws Exception {
        ApiKey key = new ApiKey("key_1", KeyKind.FLOWPLATE, "workflow", Set.of("credentials:read", "admin"),
                sha256("s3cret"), T0, null);
        repository.insert(key);
        ApiKey found = repository.findBySecretHash(sha256("s3cret")).orElseThrow();
        assertThat(found.id()).isEqualTo("key_1");
        assertThat(found.kind()).isEqualTo(KeyKind.FLOWPLATE);
        assertThat(found.scopes()).containsExactlyInAnyOrder("credentials:read", "admin");
        assertThat(found.secretHash()).isEqualTo(sha256("s3cret"));
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(repository.findById("key_1")).isPresent();
        assertThat(repository.findBySecretHash(sha256("other"))).isEmpty();
    }

    @Test
    void listsNewestFirstAndRevokes() throws Exception {
        repository.insert(new ApiKey("key_old", KeyKind.API, "a", Set.of(), sha256("a"), T0, null));
        repository.insert(new ApiKey("key_new", KeyKind.HUB, "b", Set.of("admin"), sha256("b"), T0.plusSeconds(5), null));
        assertThat(repository.list()).extracting(ApiKey::id).containsExactly("key_new", "key_old");

        assertThat(repository.revoke("key_old", T0.plusSeconds(10))).isTrue();
        assertThat(repository.revoke("key_old", T0.plusSeconds(20))).isTrue();
        assertThat(repository.findById("key_old").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(repository.revoke("key_missing", T0)).isFalse();
        assertThat(repository.findById("key_old").orElseThrow().scopes()).isEmpty();
    }
}
