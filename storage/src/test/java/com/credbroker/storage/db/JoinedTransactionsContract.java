package com.credbroker.storage.db;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.connect.JdbcConnectStore;
import com.credbroker.storage.connect.PendingAuthorization;
import com.credbroker.storage.connect.StateClaim;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.testing.DatabaseContract;
import com.credbroker.storage.testing.TestCrypto;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repositories joining one transaction ({@link Transactions}): the writes of a unit commit together or
 * not at all, and a read inside the unit sees the unit's own writes. Subclasses supply the database.
 */
abstract class JoinedTransactionsContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    private static final String HASH = "a".repeat(64);
    /** Longer than the status_reason column: the database refuses the credential write. */
    private static final String TOO_LONG = "x".repeat(1025);

    private Transactions transactions;
    private JdbcCredentialRepository credentials;
    private JdbcConnectStore store;

    @BeforeEach
    void open() throws Exception {
        transactions = Transactions.of(database.dataSource());
        credentials = new JdbcCredentialRepository(database.dataSource(), TestCrypto.cryptographer());
        store = new JdbcConnectStore(database.dataSource());
        // stands in for the outbox of a later change: a table of its own, written in the same transaction
        transactions.inTransaction("test outbox", handle -> handle.execute(
                "CREATE TABLE test_outbox (event_id VARCHAR(64) PRIMARY KEY, kind VARCHAR(16) NOT NULL)"));
    }

    private Credential initiated() {
        Credential credential = credentials.upsert(aCredential().status(CredentialStatus.INITIATED).expiresAt(null)
                .createdAt(T0).updatedAt(T0).build()).credential();
        store.saveAuthorization(new PendingAuthorization(HASH, credential.credentialId(),
                "http://localhost:8080/v1/personal-connectors/oauth/callback", T0, T0.plusSeconds(600), null));
        return credential;
    }

    private static Credential activated(Credential c, String reason) {
        return aCredential().credentialId(c.credentialId()).connectionId(c.connectionId())
                .status(CredentialStatus.ACTIVE).createdAt(c.createdAt()).updatedAt(T0.plusSeconds(2))
                .statusReason(reason).version(c.version()).build();
    }

    private void outbox(String eventId, String kind) {
        transactions.inTransaction("test outbox write", handle -> handle.createUpdate(
                "INSERT INTO test_outbox (event_id, kind) VALUES (:id, :kind)")
                .bind("id", eventId).bind("kind", kind).execute());
    }

    private int outboxSize() {
        return transactions.withHandle("test outbox count", handle -> handle.createQuery(
                "SELECT COUNT(*) FROM test_outbox").mapTo(Integer.class).one());
    }

    @Test
    void aCallbackWhoseCredentialWriteFailsLeavesTheStateUnclaimed() {
        Credential credential = initiated();

        assertThatThrownBy(() -> transactions.inTransaction("callback", () -> {
            assertThat(store.consume(HASH, T0.plusSeconds(1))).isInstanceOf(StateClaim.Claimed.class);
            return credentials.updateIfVersion(activated(credential, TOO_LONG));
        })).isInstanceOf(StorageException.class);

        assertThat(store.consume(HASH, T0.plusSeconds(3))).isInstanceOf(StateClaim.Claimed.class);
        assertThat(credentials.findByCredentialId(credential.credentialId()).orElseThrow().status())
                .isEqualTo(CredentialStatus.INITIATED);
    }

    @Test
    void aClaimAndItsCredentialWriteCommitTogether() {
        Credential credential = initiated();

        Optional<Credential> stored = transactions.inTransaction("callback", () -> {
            store.consume(HASH, T0.plusSeconds(1));
            Optional<Credential> written = credentials.updateIfVersion(activated(credential, null));
            // a read inside the unit sees the unit's own write
            assertThat(credentials.findByCredentialId(credential.credentialId()).orElseThrow().status())
                    .isEqualTo(CredentialStatus.ACTIVE);
            return written;
        });

        assertThat(stored).isPresent();
        assertThat(store.consume(HASH, T0.plusSeconds(3))).isInstanceOf(StateClaim.Reused.class);
        assertThat(credentials.findByCredentialId(credential.credentialId()).orElseThrow().version())
                .isEqualTo(credential.version() + 1);
    }

    @Test
    void aDeleteWhoseJoinedWriteFailsLeavesTheCredentialInPlace() {
        Credential credential = credentials.upsert(aCredential().build()).credential();
        outbox("evt_1", "created");

        assertThatThrownBy(() -> transactions.inTransaction("delete", () -> {
            assertThat(credentials.delete(credential.credentialId())).contains(credential.connectionId());
            outbox("evt_1", "deleted"); // the same event ID again: a unique violation
            return null;
        })).isInstanceOf(StorageException.class);

        assertThat(credentials.findByCredentialId(credential.credentialId())).isPresent();
        assertThat(outboxSize()).isEqualTo(1);
    }

    @Test
    void aStateChangeAndItsOutboxEventCommitTogether() {
        Credential credential = initiated();

        transactions.inTransaction("expiry", () -> {
            assertThat(store.expireInitiated(credential.credentialId(), "authorization_timeout", T0)).isTrue();
            outbox("evt_2", "expired");
            return null;
        });

        assertThat(credentials.findByCredentialId(credential.credentialId()).orElseThrow().status())
                .isEqualTo(CredentialStatus.EXPIRED);
        assertThat(outboxSize()).isEqualTo(1);
    }

    @Test
    void aConflictInsideAJoinedUnitIsNotRetriedAloneButFailsTheWhole() {
        Credential credential = initiated();

        assertThatThrownBy(() -> transactions.inTransaction("expiry", () -> {
            store.expireInitiated(credential.credentialId(), "authorization_timeout", T0);
            outbox("evt_3", "expired");
            outbox("evt_3", "expired");
            return null;
        })).isInstanceOf(StorageException.class);

        assertThat(credentials.findByCredentialId(credential.credentialId()).orElseThrow().status())
                .isEqualTo(CredentialStatus.INITIATED);
        assertThat(outboxSize()).isZero();
        assertThat(transactions.isActive()).isFalse();
    }

    @Test
    void aConflictOfTheOutermostTransactionIsRetriedAsAWhole() {
        int[] runs = {0};

        int written = transactions.inTransaction("retried", 3, handle -> {
            runs[0]++;
            outbox("evt_" + runs[0], "retried");
            if (runs[0] == 1) {
                outbox("evt_1", "retried"); // a lost race on the first run only
            }
            return outboxSize();
        });

        assertThat(runs[0]).isEqualTo(2);
        assertThat(written).isEqualTo(1);
        assertThat(outboxSize()).isEqualTo(1);
    }
}
