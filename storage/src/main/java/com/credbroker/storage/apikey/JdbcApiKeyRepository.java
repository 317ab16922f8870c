package com.credbroker.storage.apikey;

import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link ApiKeyRepository} in plain JDBC over the {@code api_keys} table. Thread-safe. Only the
 * SHA-256 of a key's secret is stored; scopes are kept as one sorted, space-separated string.
 * Timestamps are kept to the microsecond.
 */
public final class JdbcApiKeyRepository implements ApiKeyRepository {
    private static final String COLUMNS = "id, kind, name, scopes, secret_hash, created_at, revoked_at";

    private final DataSource dataSource;

    public JdbcApiKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(ApiKey key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key.id());
            insert.setString(2, key.kind().wireName());
            insert.setString(3, key.name());
            insert.setString(4, String.join(" ", new TreeSet<>(key.scopes())));
            insert.setBytes(5, key.secretHash());
            Jdbc.setInstant(insert, 6, key.createdAt());
            Jdbc.setInstant(insert, 7, key.revokedAt());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("api key insert", e);
        }
    }

    @Override
    public Optional<ApiKey> findBySecretHash(byte[] secretHash) {
        List<ApiKey> keys = query("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = ?",
                statement -> statement.setBytes(1, secretHash));
        return keys.stream().findFirst();
    }

    @Override
    public Optional<ApiKey> findById(String id) {
        return query("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", statement -> statement.setString(1, id))
                .stream().findFirst();
    }

    @Override
    public List<ApiKey> list() {
        return query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, id DESC", statement -> { });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return Jdbc.inTransaction(dataSource, "api key revoke", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                Jdbc.setInstant(update, 1, at);
                update.setString(2, id);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM api_keys WHERE id = ?")) {
                exists.setString(1, id);
                try (ResultSet rows = exists.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<ApiKey> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(read(rows));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StorageException("api key lookup", e);
        }
    }

    private static ApiKey read(ResultSet rows) throws SQLException {
        String kind = rows.getString("kind");
        String scopes = rows.getString("scopes");
        Set<String> scopeSet = scopes.isEmpty() ? Set.of()
                : Arrays.stream(scopes.split(" ")).collect(Collectors.toUnmodifiableSet());
        return new ApiKey(
                rows.getString("id"),
                KeyKind.fromWireName(kind).orElseThrow(() -> new StorageException("unknown api key kind stored")),
                rows.getString("name"),
                scopeSet,
                rows.getBytes("secret_hash"),
                Jdbc.getInstant(rows, "created_at"),
                Jdbc.getInstant(rows, "revoked_at"));
    }
}
