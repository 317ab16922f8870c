package com.credbroker.storage.connect;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.refresh.JdbcRefreshStore;
import com.credbroker.storage.refresh.RefreshClaim;
import com.credbroker.storage.refresh.RefreshWrite;
import com.credbroker.storage.testing.DatabaseContract;
import com.credbroker.storage.testing.TestCrypto;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviours of the reconnect bookkeeping ({@link JdbcReconnectStore}). Subclasses supply the database. */
abstract class ReconnectStoreContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    private static final String VERIFIER = "CANARY-verifier-" + "v".repeat(27);
    private static final String CALLBACK = "https://app.example/reconnected";

    private Cryptographer cryptographer;
    private JdbcCredentialRepository credentials;
    private JdbcConnectStore connect;
    private JdbcReconnectStore store;
    private int sequence;

    @BeforeEach
    void open() {
        cryptographer = TestCrypto.cryptographer();
        credentials = new JdbcCredentialRepository(database.dataSource(), cryptographer);
        connect = new JdbcConnectStore(database.dataSource());
        store = new JdbcReconnectStore(database.dataSource(), cryptographer);
    }

    private Credential connection() {
        return credentials.upsert(aCredential().connectionId("conn_" + (++sequence)).createdAt(T0).updatedAt(T0)
                .expiresAt(T0.plus(Duration.ofMinutes(3))).build()).credential();
    }

    private PendingReconnect started(Credential credential, boolean allowAccountChange) {
        String hash = String.format("%064x", ++sequence);
        connect.saveAuthorization(new PendingAuthorization(hash, credential.credentialId(),
                "http://localhost:8080/v1/personal-connectors/oauth/callback", T0, T0.plus(Duration.ofMinutes(10)),
                null));
        PendingReconnect reconnect = new PendingReconnect(hash, credential.credentialId(), allowAccountChange,
                VERIFIER, CALLBACK);
        store.save(reconnect);
        return reconnect;
    }

    private byte[] payload(String stateHash) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT payload FROM oauth_reconnects WHERE state_hash = ?")) {
            select.setString(1, stateHash);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private void execute(String sql, Object... values) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    @Test
    void aReconnectIsFoundByItsStateWithItsSecretsSealedAtRest() throws Exception {
        PendingReconnect saved = started(connection(), true);

        assertThat(store.find(saved.stateHash())).contains(saved);
        assertThat(store.find("f".repeat(64))).isEmpty();
        String stored = new String(payload(saved.stateHash()), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("CANARY").doesNotContain("app.example");
        assertThat(saved.toString()).doesNotContain("CANARY").doesNotContain("app.example");
    }

    @Test
    void aPayloadMovedToAnotherReconnectDoesNotOpen() throws Exception {
        PendingReconnect first = started(connection(), false);
        PendingReconnect second = started(connection(), false);

        execute("UPDATE oauth_reconnects SET payload = ? WHERE state_hash = ?", payload(first.stateHash()),
                second.stateHash());

        assertThatThrownBy(() -> store.find(second.stateHash())).isInstanceOf(DecryptionException.class);
        assertThat(store.find(first.stateHash())).contains(first);
    }

    @Test
    void anAccountRuleChangedAroundTheBrokerDoesNotOpen() throws Exception {
        PendingReconnect strict = started(connection(), false);

        execute("UPDATE oauth_reconnects SET allow_account_change = ? WHERE state_hash = ?", true,
                strict.stateHash());

        assertThatThrownBy(() -> store.find(strict.stateHash())).isInstanceOf(DecryptionException.class);
    }

    @Test
    void aReconnectGoesWithItsConnection() {
        Credential credential = connection();
        PendingReconnect saved = started(credential, false);

        credentials.delete(credential.credentialId());

        assertThat(store.find(saved.stateHash())).isEmpty();
    }

    @Test
    void fencingEndsARefreshInFlightWithoutChangingTheRecord() {
        Credential credential = connection();
        JdbcRefreshStore refreshes = new JdbcRefreshStore(database.dataSource(), cryptographer);
        RefreshClaim claim = refreshes.claim(credential.credentialId(), T0, "node-a", T0.plusSeconds(60))
                .orElseThrow();
        assertThat(refreshes.markSent(claim, T0)).isTrue();

        assertThat(store.fenceRefresh(credential.credentialId())).isTrue();

        AtomicBoolean decided = new AtomicBoolean();
        assertThat(refreshes.complete(claim, current -> {
            decided.set(true);
            return new RefreshWrite(current, 0, null);
        })).isEmpty();
        assertThat(decided).isFalse();
        assertThat(credentials.findByCredentialId(credential.credentialId())).contains(credential);
        assertThat(refreshes.leaseHeld(credential.credentialId(), T0)).isFalse();
        assertThat(refreshes.claim(credential.credentialId(), T0, "node-b", T0.plusSeconds(60))).isPresent();
        assertThat(store.fenceRefresh("cred_unknown")).isFalse();
    }
}
