package com.credbroker.storage.credential;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.credbroker.storage.credential.CredentialRepository.UpsertResult;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PayloadMoves;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.db.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link CredentialRepositoryContract}, plus the cases about database rows: H2 and PostgreSQL. */
abstract class JdbcCredentialRepositoryContract extends CredentialRepositoryContract {

    @Test
    void openFailsWhenPayloadMovedToAnotherRowAndOtherRowsStillRead() throws Exception {
        Credential victim = repository.upsert(aCredential().build()).credential();
        Credential donor = repository.upsert(aCredential().build()).credential();
        Credential bystander = repository.upsert(aCredential().build()).credential();
        assertThat(PayloadMoves.move(database.dataSource(), "credentials", "credential_id", donor.credentialId(),
                victim.credentialId())).isEqualTo(1);
        assertThatThrownBy(() -> repository.findByCredentialId(victim.credentialId()))
                .isInstanceOf(DecryptionException.class);
        assertThat(repository.findByCredentialId(donor.credentialId())).contains(donor);
        assertThat(repository.findByConnectionId(bystander.connectionId())).contains(bystander);
        assertThat(repository.list(CredentialFilter.none(), 10, null).items()).hasSize(3);
    }
    @Test
    void rewrapMovesOldTermsWithoutChangingVersions() {
        JdbcCredentialRepository repository = (JdbcCredentialRepository) this.repository;
        Credential old = repository.upsert(aCredential().build()).credential();
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));
        assertThat(repository.countBelowTerm(2)).isEqualTo(1);

        assertThat(repository.rewrapBatch(cryptographer, 10)).isEqualTo(1);

        assertThat(repository.countBelowTerm(2)).isZero();
        assertThat(repository.findByCredentialId(old.credentialId())).contains(old);
        assertThat(repository.rewrapBatch(cryptographer, 10)).isZero();
    }

    @Test
    void deleteLeavesNoRowInTheTable() throws Exception {
        Credential stored = repository.upsert(aCredential().build()).credential();
        repository.delete(stored.credentialId());
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM credentials");
             var rows = count.executeQuery()) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }
}
