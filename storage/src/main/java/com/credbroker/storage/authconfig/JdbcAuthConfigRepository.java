package com.credbroker.storage.authconfig;

import com.credbroker.storage.credential.Page;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.PayloadAdoption;
import com.credbroker.storage.crypto.RewrapTarget;
import com.credbroker.storage.crypto.SealedTableRewrap;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.ListCursor;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AuthConfigRepository} in plain JDBC over the {@code auth_configs} table. Thread-safe. The
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
    private final Cryptographer cryptographer;
    private final ClientSecretCodec codec = new ClientSecretCodec();
    private final SealedTableRewrap rewrap;

    public JdbcAuthConfigRepository(DataSource dataSource, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.cryptographer = cryptographer;
        this.rewrap = new SealedTableRewrap(dataSource, TABLE, "auth_config_id", ClientSecretCodec::aad);
    }

    @Override
    public AuthConfig create(AuthConfig config) {
        AuthConfig stored = AuthConfigRows.asStored(config, config.createdAt(), config.refreshBlockedReason(), 1);
        byte[] payload = codec.seal(cryptographer, stored);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(AuthConfigRows.INSERT)) {
            AuthConfigRows.bindInsert(insert, stored, Cryptographer.termOf(payload), payload);
            insert.executeUpdate();
            return stored;
        } catch (SQLException e) {
            throw new StorageException("auth config insert", e);
        }
    }

    @Override
    public Optional<AuthConfig> find(String authConfigId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(AuthConfigRows.SELECT
                     + " WHERE auth_config_id = ?")) {
            select.setString(1, authConfigId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("auth config lookup", e);
        }
    }

    /** Opens each row's payload: one row that does not open fails the page with a DecryptionException. */
    @Override
    public Page<AuthConfig> list(int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListCursor after = ListCursor.decodeOrNull(cursor);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(AuthConfigRows.SELECT
                     + (after == null ? "" : " WHERE " + ListCursor.before("created_at", "auth_config_id"))
                     + " ORDER BY created_at DESC, auth_config_id DESC FETCH FIRST ? ROWS ONLY")) {
            int index = 1;
            if (after != null) {
                Jdbc.setInstant(select, index++, after.createdAt());
                Jdbc.setInstant(select, index++, after.createdAt());
                select.setString(index++, after.id());
            }
            select.setInt(index, limit + 1);
            List<AuthConfig> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(read(rows));
                }
            }
            if (items.size() <= limit) {
                return new Page<>(items, null);
            }
            List<AuthConfig> page = items.subList(0, limit);
            return new Page<>(page, new ListCursor(page.get(limit - 1).createdAt(), page.get(limit - 1).authConfigId()).encode());
        } catch (SQLException e) {
            throw new StorageException("auth config listing", e);
        }
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
        return Jdbc.inTransaction(dataSource, "auth config update", c -> {
            try (PreparedStatement update = c.prepareStatement(AuthConfigRows.UPDATE_IF_VERSION)) {
                AuthConfigRows.bindUpdate(update, draft, Cryptographer.termOf(payload), payload);
                if (update.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT created_at FROM auth_configs WHERE auth_config_id = ?")) {
                select.setString(1, config.authConfigId());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return Optional.of(AuthConfigRows.asStored(draft, Jdbc.getInstant(rows, "created_at"), null,
                            draft.version() + 1));
                }
            }
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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE auth_configs"
                     + " SET refresh_blocked_reason = ? WHERE auth_config_id = ? AND version = ?")) {
            update.setString(1, bounded);
            update.setString(2, authConfigId);
            update.setLong(3, version);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("auth config refresh block", e);
        }
    }

    /**
     * Locks the config row, counts the connections that refer to it and deletes it, in one transaction.
     * Credentials do not lock the config they name, so a connection created concurrently with the
     * delete may still end up naming a config that is gone (as one naming an unknown config may today).
     */
    @Override
    public boolean delete(String authConfigId) {
        return Jdbc.inTransaction(dataSource, "auth config delete", c -> {
            if (!lock(c, authConfigId)) {
                return false;
            }
            long users = connectionsUsing(c, authConfigId);
            if (users > 0) {
                throw new AuthConfigInUseException(authConfigId, users);
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM auth_configs WHERE auth_config_id = ?")) {
                delete.setString(1, authConfigId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private static boolean lock(Connection connection, String authConfigId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT auth_config_id FROM auth_configs WHERE auth_config_id = ? FOR UPDATE")) {
            lock.setString(1, authConfigId);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static long connectionsUsing(Connection connection, String authConfigId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM credentials WHERE auth_config_id = ?")) {
            count.setString(1, authConfigId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
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
