package com.credbroker.storage.connect;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Transactions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ReconnectStore} with Jdbi over the {@code oauth_reconnects} table (V14) and the refresh bookkeeping
 * columns of {@code credentials}. The code verifier and callback URL are one payload sealed by the
 * {@link Cryptographer} with the AAD {@code reconnect:<state_hash>:<credential_id>:<allow_account_change>}, so
 * a payload copied onto another row, or a row whose target or account rule was changed around the broker, does
 * not open. Rows live as long as their authorization (minutes, then a day until purged),
 * so they are not rewrapped: old key terms stay readable. Thread-safe.
 */
public final class JdbcReconnectStore implements ReconnectStore {
    private static final String INSERT = "INSERT INTO oauth_reconnects (state_hash, credential_id,"
            + " allow_account_change, payload) VALUES (:state_hash, :credential_id, :allow, :payload)";
    private static final String SELECT = "SELECT state_hash, credential_id, allow_account_change, payload"
            + " FROM oauth_reconnects WHERE state_hash = :state_hash";
    private static final String FENCE = "UPDATE credentials SET refresh_epoch = refresh_epoch + 1,"
            + " lease_owner = NULL, lease_until = NULL, refresh_sent_at = NULL WHERE credential_id = :credential_id";

    private final Transactions transactions;
    private final Cryptographer cryptographer;

    public JdbcReconnectStore(DataSource dataSource, Cryptographer cryptographer) {
        this.transactions = Transactions.of(dataSource);
        this.cryptographer = cryptographer;
    }

    @Override
    public void save(PendingReconnect r) {
        byte[] payload = cryptographer.seal(plaintext(r), aad(r.stateHash(), r.credentialId(), r.allowAccountChange()));
        transactions.inTransaction("reconnect save", handle -> handle.createUpdate(INSERT)
                .bind("state_hash", r.stateHash())
                .bind("credential_id", r.credentialId())
                .bind("allow", r.allowAccountChange())
                .bind("payload", payload)
                .execute());
    }

    @Override
    public Optional<PendingReconnect> find(String stateHash) {
        return transactions.inTransaction("reconnect read", handle -> handle.createQuery(SELECT)
                .bind("state_hash", stateHash)
                .map((rows, context) -> open(rows.getString("state_hash"), rows.getString("credential_id"),
                        rows.getBoolean("allow_account_change"), rows.getBytes("payload")))
                .findOne());
    }

    @Override
    public boolean fenceRefresh(String credentialId) {
        return transactions.inTransaction("refresh fence", handle -> handle.createUpdate(FENCE)
                .bind("credential_id", credentialId)
                .execute() == 1);
    }

    private PendingReconnect open(String stateHash, String credentialId, boolean allow, byte[] payload) {
        byte[] plain = cryptographer.open(payload, aad(stateHash, credentialId, allow));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            return new PendingReconnect(stateHash, credentialId, allow, in.readUTF(), in.readUTF());
        } catch (IOException e) {
            throw new UncheckedIOException("a reconnect payload is malformed", e);
        }
    }

    private static byte[] plaintext(PendingReconnect r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(r.codeVerifier());
            out.writeUTF(r.callbackUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Binds the payload to its row and to the plain columns that decide what the reconnect may do. */
    private static String aad(String stateHash, String credentialId, boolean allowAccountChange) {
        return "reconnect:" + stateHash + ":" + credentialId + ":" + allowAccountChange;
    }
}
