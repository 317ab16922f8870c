package com.credbroker.storage.credential;

import static com.credbroker.storage.credential.CredentialRows.PLAIN_COLUMNS;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.PayloadAdoption;
import com.credbroker.storage.crypto.RewrapTarget;
import com.credbroker.storage.crypto.SealedTableRewrap;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import com.credbroker.storage.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CredentialRepository} with Jdbi. Thread-safe. Every call joins a transaction its thread has open on
 * the same data source ({@link Transactions}), so a service can make a write here and another repository's
 * one atomic. Secrets are sealed with the AAD
 * {@code connection:<credential_id>} and the {@code key_term} column records the sealing term.
 *
 * <p>Versions: an insert stores version 1 and every write through this interface adds one. A rewrap
 * re-seals the payload in place <em>without</em> changing the version: the record's content is the
 * same, so a caller's optimistic version stays valid, and a rewrap never overwrites a concurrent
 * write (it updates only {@code WHERE version = <version it read>}).
 *
 * <p>The database is untrusted: every payload also seals the binding of the row's connection ID, entity,
 * app, scheme and auth config ({@link SecretsCodec}); a record whose columns were changed around the broker
 * fails to read with a {@link com.credbroker.storage.crypto.TamperedRowException}, like a payload that does
 * not open. Listings read plain columns only and are not checked: they disclose nothing and send nothing.
 */
public final class JdbcCredentialRepository implements CredentialRepository, RewrapTarget {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCredentialRepository.class);
    private static final int UPSERT_ATTEMPTS = 5;
    private static final String SELECT_FULL = "SELECT " + PLAIN_COLUMNS + ", payload FROM credentials";
    private static final String LOCK_BY_CONNECTION = "SELECT credential_id, created_at, version FROM credentials"
            + " WHERE connection_id = :connection_id FOR UPDATE";
    private static final String IDENTITY = "SELECT connection_id, created_at FROM credentials"
            + " WHERE credential_id = :credential_id";
    private static final String LOCK_BY_ID = "SELECT connection_id FROM credentials"
            + " WHERE credential_id = :credential_id FOR UPDATE";
    private static final String DELETE = "DELETE FROM credentials WHERE credential_id = :credential_id";

    /** The stored identity of a row: what an upsert or an update keeps. */
    private record Identity(String credentialId, String connectionId, Instant createdAt, long version) {
    }

    private final DataSource dataSource;
    private final Transactions transactions;
    private final Cryptographer cryptographer;
    private final SecretsCodec codec = new SecretsCodec();
    private final SealedTableRewrap rewrap;

    public JdbcCredentialRepository(DataSource dataSource, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.transactions = Transactions.of(dataSource);
        this.cryptographer = cryptographer;
        this.rewrap = new SealedTableRewrap(dataSource, "credentials", "credential_id", SecretsCodec::aad);
    }

    @Override
    public Optional<Credential> findByConnectionId(String connectionId) {
        return findOne(SELECT_FULL + " WHERE connection_id = :key", connectionId);
    }

    @Override
    public Optional<Credential> findByCredentialId(String credentialId) {
        return findOne(SELECT_FULL + " WHERE credential_id = :key", credentialId);
    }

    private Optional<Credential> findOne(String sql, String key) {
        return transactions.withHandle("credential lookup", handle -> handle.createQuery(sql)
                .bind("key", key)
                .map((rows, context) -> read(rows))
                .findOne());
    }

    private Credential read(ResultSet rows) throws SQLException {
        return CredentialRows.credential(rows, codec.open(cryptographer, rows));
    }

    /**
     * Binds the payload of every row written before payloads carried their binding, as the row is stored
     * now. Only for the one-time adoption at the upgrade ({@link com.credbroker.storage.crypto.RowAdoption}).
     */
    public int adoptUnboundRows() {
        return new PayloadAdoption(dataSource, SecretsCodec.TABLE, "credential_id",
                CredentialBinding.COLUMNS)
                .adopt(row -> codec.rebind(cryptographer, row));
    }

    @Override
    public UpsertResult upsert(Credential credential) {
        // A concurrent insert of the same connection makes ours fail with a unique violation; the retry
        // then finds (and locks) that row and becomes an update.
        return transactions.inTransaction("credential upsert", UPSERT_ATTEMPTS, handle -> upsertOnce(handle, credential));
    }

    private UpsertResult upsertOnce(Handle handle, Credential in) throws SQLException {
        Optional<Identity> locked = handle.createQuery(LOCK_BY_CONNECTION)
                .bind("connection_id", in.connectionId())
                .map((rows, context) -> new Identity(rows.getString("credential_id"), in.connectionId(),
                        Jdbc.getInstant(rows, "created_at"), rows.getLong("version")))
                .findOne();
        if (locked.isEmpty()) {
            Credential stored = CredentialRows.asStored(in, in.credentialId(), in.connectionId(), in.createdAt(), 1);
            insert(handle.getConnection(), stored);
            return new UpsertResult(stored, true);
        }
        Identity row = locked.get();
        Credential stored = CredentialRows.asStored(in, row.credentialId(), in.connectionId(), row.createdAt(),
                row.version() + 1);
        if (!update(handle.getConnection(), stored, row.version())) {
            throw new StorageException("credential row changed while locked");
        }
        return new UpsertResult(stored, false);
    }

    // The record's INSERT and UPDATE stay positional JDBC: CredentialRows binds them for the refresh store too.
    private void insert(Connection connection, Credential stored) throws SQLException {
        byte[] payload = codec.seal(cryptographer, stored);
        try (PreparedStatement insert = connection.prepareStatement(CredentialRows.INSERT)) {
            CredentialRows.bindInsert(insert, stored, Cryptographer.termOf(payload), payload);
            insert.executeUpdate();
        }
    }

    private boolean update(Connection connection, Credential stored, long expectedVersion) throws SQLException {
        byte[] payload = codec.seal(cryptographer, stored);
        try (PreparedStatement update = connection.prepareStatement(CredentialRows.UPDATE_IF_VERSION)) {
            CredentialRows.bindUpdate(update, stored, Cryptographer.termOf(payload), payload, expectedVersion);
            return update.executeUpdate() == 1;
        }
    }

    /** Connection ID and created-at are never changed by an update; the result carries the stored ones. */
    @Override
    public Optional<Credential> updateIfVersion(Credential credential) {
        return transactions.inTransaction("credential update", handle -> {
            Credential draft = CredentialRows.asStored(credential, credential.credentialId(),
                    credential.connectionId(), credential.createdAt(), credential.version() + 1);
            if (!update(handle.getConnection(), draft, credential.version())) {
                return Optional.empty();
            }
            Identity row = handle.createQuery(IDENTITY)
                    .bind("credential_id", credential.credentialId())
                    .map((rows, context) -> new Identity(credential.credentialId(), rows.getString("connection_id"),
                            Jdbc.getInstant(rows, "created_at"), draft.version()))
                    .one();
            return Optional.of(CredentialRows.asStored(draft, draft.credentialId(), row.connectionId(),
                    row.createdAt(), draft.version()));
        });
    }

    @Override
    public Optional<String> delete(String credentialId) {
        return transactions.inTransaction("credential delete", handle -> {
            Optional<String> connectionId = handle.createQuery(LOCK_BY_ID)
                    .bind("credential_id", credentialId)
                    .mapTo(String.class)
                    .findOne();
            handle.createUpdate(DELETE).bind("credential_id", credentialId).execute();
            return connectionId;
        });
    }

    @Override
    public Page<CredentialSummary> list(CredentialFilter filter, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        CredentialListQuery query = new CredentialListQuery(filter, cursor);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = query.prepare(connection, limit + 1);
             ResultSet rows = select.executeQuery()) {
            List<CredentialSummary> items = new ArrayList<>();
            while (rows.next()) {
                items.add(CredentialRows.summary(rows));
            }
            if (items.size() <= limit) {
                return new Page<>(items, null);
            }
            List<CredentialSummary> page = items.subList(0, limit);
            return new Page<>(page, CredentialListQuery.encodeCursor(page.get(limit - 1)));
        } catch (SQLException e) {
            throw new StorageException("credential listing", e);
        }
    }

    @Override
    public String name() {
        return "credentials";
    }

    @Override
    public int rewrapBatch(Cryptographer target, int limit) {
        return rewrap.batch(target, limit);
    }

    @Override
    public long countBelowTerm(int activeTerm) {
        return rewrap.countBelowTerm(activeTerm);
    }
}
