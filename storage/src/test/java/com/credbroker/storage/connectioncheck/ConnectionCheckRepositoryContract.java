package com.credbroker.storage.connectioncheck;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.testing.DatabaseContract;
import com.credbroker.storage.testing.TestCrypto;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every {@link ConnectionCheckRepository} must have. Subclasses supply the database, or (the
 * in-memory fake) none and their own pair of repositories.
 */
abstract class ConnectionCheckRepositoryContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00.123456Z");

    protected CredentialRepository credentials;
    protected ConnectionCheckRepository repository;

    /** Called after {@link #openDatabase()}: sets {@link #credentials} and {@link #repository}. */
    protected void openRepositories() {
        credentials = new JdbcCredentialRepository(database.dataSource(), TestCrypto.cryptographer());
        repository = new JdbcConnectionCheckRepository(database.dataSource());
    }

    @BeforeEach
    void open() throws Exception {
        openRepositories();
    }

    @Test
    void aConnectionNeverTestedHasNoHealth() {
        Credential credential = credentials.upsert(aCredential().build()).credential();

        assertThat(repository.find(credential.credentialId())).isEmpty();
    }

    @Test
    void theLastRecordedTestReplacesTheOneBefore() {
        Credential credential = credentials.upsert(aCredential().build()).credential();
        CheckResult first = new CheckResult(CheckVerdict.UNHEALTHY, "http_403: forbidden", 403, T0);
        CheckResult second = new CheckResult(CheckVerdict.HEALTHY, null, 200, T0.plusSeconds(60));
        CheckResult third = new CheckResult(CheckVerdict.UNKNOWN, "timeout", null, T0.plusSeconds(120));

        assertThat(repository.record(credential.credentialId(), first)).isTrue();
        assertThat(repository.find(credential.credentialId())).contains(first);
        assertThat(repository.record(credential.credentialId(), second)).isTrue();
        assertThat(repository.find(credential.credentialId())).contains(second);
        assertThat(repository.record(credential.credentialId(), third)).isTrue();
        assertThat(repository.find(credential.credentialId())).contains(third);
    }

    @Test
    void healthGoesWithItsConnectionAndIsNotRecordedForAMissingOne() {
        Credential credential = credentials.upsert(aCredential().build()).credential();
        repository.record(credential.credentialId(), new CheckResult(CheckVerdict.HEALTHY, null, 204, T0));

        credentials.delete(credential.credentialId());

        assertThat(repository.find(credential.credentialId())).isEmpty();
        assertThat(repository.record(credential.credentialId(),
                new CheckResult(CheckVerdict.HEALTHY, null, 200, T0))).isFalse();
        assertThat(repository.find(credential.credentialId())).isEmpty();
    }
}
