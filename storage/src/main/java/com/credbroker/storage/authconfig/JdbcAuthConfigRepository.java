package com.credbroker.storage.authconfig;

import com.credbroker.storage.credential.Page;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.PayloadAdoption;
import com.credbroker.storage.crypto.RewrapTarget;
import com.credbroker.storage.crypto.SealedTableRewrap;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.ListCursor;
import com.credbroker.storage.db.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AuthConfigRepository} with Jdbi over the {@code auth_configs} table; every call joins a transaction
 * its thread has open on the same data source ({@link Transactions}). Thread-safe. The
 * client secret is sealed (AAD {@code auth_config:<auth_config_id>}, even when there is none) and the
 * {@code key_term} column records the sealing term; everything else is plain. Scopes are stored
 * space-separated, so they must be non-empty and free of whitespace ({@link IllegalArgumentException}).
 *
 * <p>Versions: an insert stores version 1 and every {@link #updateIfVersion} adds one. Neither
 * {@link #blockRefresh} nor a rewrap changes the version (the content is the same), and a rewrap
 * updates only {@code WHERE version = <version it read>}, so it never overwrites a concurrent write.
 * Timestamps are kept to the microsecond.
 *
 * <p>The database is untrusted: the payload also seals the {@link AuthConfigBinding} of the plain columns
 * that say where secrets go (endpoints, client, app, scopes). A row whose columns differ from its binding
 * (changed around the broker) is refused on every read with a
 * {@link com.credbroker.storage.crypto.TamperedRowException}, logged by ID and counted, so no token,
 * authorization or revocation request is built from it.
 */
public final class JdbcAuthConfigRepository implements AuthConfigRepository, RewrapTarget {
    /** The width of {@code refresh_blocked_reason}; a longer provider message is cut to it. */
    public static final int MAX_BLOCKED_REASON = 1024;
    /** Recorded when a block is asked for without a reason. */
    public static final String DEFAULT_BLOCKED_REASON = "client rejected by the provider";

    static final String TABLE = "auth_configs";

    private final DataSource dataSource;
    private final Transactions transactions;
    private final Cryptographer cryptographer;
    private final ClientSecretCodec codec = new ClientSecretCodec();
    private final SealedTableRewrap rewrap;

    public JdbcAuthConfigRepository(DataSource dataSource, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.transactions = Transactions.of(dataSource);
        this.cryptographer = cryptographer;
        this.rewrap = new SealedTableRewrap(dataSource, TABLE, "auth_config_id", ClientSecretCodec::aad);
    }

    @Override
    public AuthConfig create(AuthConfig config) {
        AuthConfig stored = AuthConfigRows.asStored(config, config.createdAt(), config.refreshBlockedReason(), 1);
        byte[] payload = codec.seal(cryptographer, stored);
        transactions.inTransaction("auth config insert", handle -> AuthConfigRows.bindInsert(
                handle.createUpdate(AuthConfigRows.INSERT), stored, Cryptographer.termOf(payload), payload).execute());
        return stored;
    }

    @Override
    public Optional<AuthConfig> find(String authConfigId) {
        return transactions.withHandle("auth config lookup", handle -> handle.createQuery(AuthConfigRows.SELECT
                        + " WHERE auth_config_id = :auth_config_id")
                .bind("auth_config_id", authConfigId)
                .map((rows, context) -> read(rows))
                .findOne());
    }

    /** Opens each row's payload: one row that does not open fails the page with a DecryptionException. */
    @Override
    public Page<AuthConfig> list(int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListCursor after = ListCursor.decodeOrNull(cursor);
        String sql = AuthConfigRows.SELECT
                + (after == null ? "" : " WHERE " + ListCursor.before("created_at", "auth_config_id"))
                + " ORDER BY created_at DESC, auth_config_id DESC FETCH FIRST ? ROWS ONLY";
        List<AuthConfig> items = transactions.withHandle("auth config listing", handle -> {
            var query = handle.createQuery(sql);
            int index = 0;
            if (after != null) {
                query.bind(index++, Jdbc.instant(after.createdAt()));
                query.bind(index++, Jdbc.instant(after.createdAt()));
                query.bind(index++, after.id());
            }
            return query.bind(index, limit + 1).map((rows, context) -> read(rows)).list();
        });
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        List<AuthConfig> page = items.subList(0, limit);
        ListCursor last = new ListCursor(page.get(limit - 1).createdAt(), page.get(limit - 1).authConfigId());
        return new Page<>(page, last.encode());
    }

    private AuthConfig read(ResultSet rows) throws SQLException {
        String id = rows.getString("auth_config_id");
        return AuthConfigRows.read(rows, codec.open(cryptographer, rows.getBytes("payload"), id,
                AuthConfigBinding.of(rows)));
    }

    /**
     * Binds the payload of every row written before payloads carried their binding, as the row is stored
     * now. Only for the one-time adoption at the upgrade ({@link com.credbroker.storage.crypto.RowAdoption}).
     */
    public int adoptUnboundRows() {
        return new PayloadAdoption(dataSource, TABLE, "auth_config_id", AuthConfigBinding.COLUMNS).adopt(row -> {
            String id = row.getString("auth_config_id");
            ClientSecretCodec.SealedFields fields = codec.openUnverified(cryptographer, row.getBytes("payload"), id);
            if (fields.row() != null) {
                return Optional.empty();
            }
            return Optional.of(codec.seal(cryptographer,
                    new ClientSecretCodec.SealedFields(fields.clientSecret(), AuthConfigBinding.of(row)), id));
        });
    }

    /** Created-at is never changed by an update; the result carries the stored one. */
    @Override
    public Optional<AuthConfig> updateIfVersion(AuthConfig config) {
        // Bound as stored (micros); its version is the expected one, the row gets version + 1.
        AuthConfig draft = AuthConfigRows.asStored(config, config.createdAt(), null, config.version());
        byte[] payload = codec.seal(cryptographer, draft);
        return transactions.inTransaction("auth config update", handle -> {
            int updated = AuthConfigRows.bindUpdate(handle.createUpdate(AuthConfigRows.UPDATE_IF_VERSION), draft,
                    Cryptographer.termOf(payload), payload).execute();
            if (updated != 1) {
                return Optional.empty();
            }
            Instant createdAt = handle.createQuery(
                            "SELECT created_at FROM auth_configs WHERE auth_config_id = :auth_config_id")
                    .bind("auth_config_id", config.authConfigId())
                    .map((rows, context) -> Jdbc.getInstant(rows, "created_at"))
                    .one();
            return Optional.of(AuthConfigRows.asStored(draft, createdAt, null, draft.version() + 1));
        });
    }

    /**
     * A reason longer than {@link #MAX_BLOCKED_REASON} characters is cut to that length; a null or blank
     * one is recorded as {@value #DEFAULT_BLOCKED_REASON} (a null column means "not blocked", and this runs
     * on the refresh path, where throwing would only lose the block).
     */
    @Override
    public boolean blockRefresh(String authConfigId, long version, String reason) {
        String given = reason == null || reason.isBlank() ? DEFAULT_BLOCKED_REASON : reason;
        String bounded = given.length() > MAX_BLOCKED_REASON ? given.substring(0, MAX_BLOCKED_REASON) : given;
        return transactions.inTransaction("auth config refresh block", handle -> handle.createUpdate(
                        "UPDATE auth_configs SET refresh_blocked_reason = :reason"
                                + " WHERE auth_config_id = :auth_config_id AND version = :version")
                .bind("reason", bounded)
                .bind("auth_config_id", authConfigId)
                .bind("version", version)
                .execute() == 1);
    }

    /**
     * Locks the config row, counts the connections that refer to it and deletes it, in one transaction.
     * Credentials do not lock the config they name, so a connection created concurrently with the
     * delete may still end up naming a config that is gone (as one naming an unknown config may today).
     */
    @Override
    public boolean delete(String authConfigId) {
        return transactions.inTransaction("auth config delete", handle -> {
            Optional<String> locked = handle.createQuery(
                            "SELECT auth_config_id FROM auth_configs WHERE auth_config_id = :id FOR UPDATE")
                    .bind("id", authConfigId).mapTo(String.class).findOne();
            if (locked.isEmpty()) {
                return false;
            }
            long users = handle.createQuery("SELECT COUNT(*) FROM credentials WHERE auth_config_id = :id")
                    .bind("id", authConfigId).mapTo(Long.class).one();
            if (users > 0) {
                throw new AuthConfigInUseException(authConfigId, users);
            }
            return handle.createUpdate("DELETE FROM auth_configs WHERE auth_config_id = :id")
                    .bind("id", authConfigId).execute() == 1;
        });
    }

    @Override
    public String name() {
        return "auth_configs";
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
