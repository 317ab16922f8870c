package com.credbroker.storage.refresh;

import static com.credbroker.storage.db.Jdbc.setInstant;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRows;
import com.credbroker.storage.credential.SecretsCodec;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.GroupedTransactions;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The two writes every refresh makes, {@link RefreshStore#markSent} and {@link RefreshStore#completeUnchanged},
 * each a single conditional update on a row the caller has leased. They are group-committed: the
 * concurrent refreshes of a batch share a transaction, and each caller returns once its write is
 * committed, so the in-flight marker is still durable before the token request goes out, and new
 * tokens before anyone is served them. Sealing happens before the write joins the group.
 */
final class SnapshotWrites {
    private final GroupedTransactions writes;
    private final RefreshSql.Dialect dialect;
    private final Cryptographer cryptographer;
    private final SecretsCodec codec = new SecretsCodec();

    SnapshotWrites(DataSource dataSource, RefreshSql.Dialect dialect, Cryptographer cryptographer) {
        this.dialect = dialect;
        this.writes = new GroupedTransactions(dataSource, "refresh marker or completion");
        this.cryptographer = cryptographer;
    }

    boolean markSent(RefreshClaim claim, long version, Instant now) {
        return writes.run(c -> {
            try (PreparedStatement mark = c.prepareStatement(RefreshSql.MARK_SENT)) {
                setInstant(mark, 1, now);
                JdbcRefreshStore.bindClaim(mark, 2, claim);
                setInstant(mark, 5, dialect.leaseNow(c, now));
                mark.setLong(6, version);
                return mark.executeUpdate() == 1;
            }
        });
    }

    Optional<Credential> completeUnchanged(RefreshClaim claim, Credential current, RefreshWrite write) {
        Credential stored = CredentialRows.asStored(write.credential(), current.credentialId(),
                current.connectionId(), current.createdAt(), current.version() + 1);
        byte[] payload = codec.seal(cryptographer, stored);
        boolean written = writes.run(c -> {
            try (PreparedStatement update = c.prepareStatement(RefreshSql.STORE_UNCHANGED)) {
                CredentialRows.bindRecord(update, stored, Cryptographer.termOf(payload), payload);
                int next = CredentialRows.RECORD_PARAMETERS + 1;
                update.setInt(next, write.failures());
                setInstant(update, next + 1, write.retryAfter());
                update.setString(next + 2, claim.credentialId());
                update.setLong(next + 3, claim.epoch());
                update.setString(next + 4, claim.owner());
                update.setLong(next + 5, current.version());
                return update.executeUpdate() == 1;
            }
        });
        return written ? Optional.of(stored) : Optional.empty();
    }
}
