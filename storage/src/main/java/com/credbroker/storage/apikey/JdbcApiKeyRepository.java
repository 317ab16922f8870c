package com.credbroker.storage.apikey;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.RowSeals;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
 *
 * <p>The database is untrusted: every row carries a {@code row_seal} ({@link RowSeals}, AAD
 * {@code api_key:<id>}) over its ID, kind, scopes, secret hash and whether it is revoked. A row whose seal
 * is missing or does not match (changed or inserted around the broker) is refused: lookups treat it as
 * absent, and the refusal is logged by ID and counted ({@link Cryptographer#tamperedRows()}).
 * {@link #revoke} works on any row, so an operator can always neutralise one.
 */
public final class JdbcApiKeyRepository implements ApiKeyRepository {
    static final String TABLE = "api_keys";
    private static final String COLUMNS = "id, kind, name, scopes, secret_hash, created_at, revoked_at";

    private final DataSource dataSource;
    private final Cryptographer cryptographer;

    public JdbcApiKeyRepository(DataSource dataSource, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.cryptographer = cryptographer;
    }

    @Override
    public void insert(ApiKey key) {
        String scopes = String.join(" ", new TreeSet<>(key.scopes()));
        byte[] hash = key.secretHash();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO api_keys (" + COLUMNS + ", row_seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key.id());
            insert.setString(2, key.kind().wireName());
            insert.setString(3, key.name());
            insert.setString(4, scopes);
            insert.setBytes(5, hash);
            Jdbc.setInstant(insert, 6, key.createdAt());
            Jdbc.setInstant(insert, 7, key.revokedAt());
            insert.setBytes(8, seal(key.id(), key.kind().wireName(), scopes, hash, key.revoked()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("api key insert", e);
        }
    }

    @Override
    public Optional<ApiKey> findBySecretHash(byte[] secretHash) {
        List<ApiKey> keys = query("SELECT " + COLUMNS + ", row_seal FROM api_keys WHERE secret_hash = ?",
                statement -> statement.setBytes(1, secretHash));
        return keys.stream().findFirst();
    }

    @Override
    public Optional<ApiKey> findById(String id) {
        return query("SELECT " + COLUMNS + ", row_seal FROM api_keys WHERE id = ?",
                statement -> statement.setString(1, id)).stream().findFirst();
    }

    @Override
    public List<ApiKey> list() {
        return query("SELECT " + COLUMNS + ", row_seal FROM api_keys ORDER BY created_at DESC, id DESC",
                statement -> { });
    }

    /** Revokes and re-seals the row as revoked, whether or not its seal held (revoking never grants). */
    @Override
    public boolean revoke(String id, Instant at) {
        return Jdbc.inTransaction(dataSource, "api key revoke", connection -> {
            byte[] seal;
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT kind, scopes, secret_hash, revoked_at FROM api_keys WHERE id = ? FOR UPDATE")) {
                lock.setString(1, id);
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        return false;
                    }
                    if (rows.getObject("revoked_at") != null) {
                        return true;
                    }
                    seal = seal(id, rows.getString("kind"), rows.getString("scopes"), rows.getBytes("secret_hash"),
                            true);
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ?, row_seal = ? WHERE id = ? AND revoked_at IS NULL")) {
                Jdbc.setInstant(update, 1, at);
                update.setBytes(2, seal);
                update.setString(3, id);
                update.executeUpdate();
                return true;
            }
        });
    }

    /**
     * Seals every row that has no seal yet, as it is stored now. Only for the one-time adoption of the rows
     * present at the upgrade that introduced seals ({@link com.credbroker.storage.crypto.RowAdoption}):
     * afterwards an unsealed row is refused. Returns how many rows were sealed.
     */
    public int adoptUnsealedRows() {
        return Jdbc.inTransaction(dataSource, "api key adoption", connection -> {
            int adopted = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT id, kind, scopes, secret_hash,"
                    + " revoked_at FROM api_keys WHERE row_seal IS NULL FOR UPDATE");
                 PreparedStatement update = connection.prepareStatement(
                         "UPDATE api_keys SET row_seal = ? WHERE id = ? AND row_seal IS NULL");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString("id");
                    update.setBytes(1, seal(id, rows.getString("kind"), rows.getString("scopes"),
                            rows.getBytes("secret_hash"), rows.getObject("revoked_at") != null));
                    update.setString(2, id);
                    adopted += update.executeUpdate();
                }
            }
            return adopted;
        });
    }

    private byte[] seal(String id, String kind, String scopes, byte[] secretHash, boolean revoked) {
        return RowSeals.seal(cryptographer, aad(id), sealedFields(id, kind, scopes, secretHash, revoked));
    }

    private static String aad(String id) {
        return "api_key:" + id;
    }

    private static String[] sealedFields(String id, String kind, String scopes, byte[] secretHash, boolean revoked) {
        return new String[] {id, kind, scopes, HexFormat.of().formatHex(secretHash), Boolean.toString(revoked)};
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
                    if (authentic(rows)) {
                        keys.add(read(rows));
                    }
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StorageException("api key lookup", e);
        }
    }

    /** False (logged and counted) when the row's seal is missing or does not match its columns. */
    private boolean authentic(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        boolean valid = RowSeals.verify(cryptographer, rows.getBytes("row_seal"), aad(id), sealedFields(id,
                rows.getString("kind"), rows.getString("scopes"), rows.getBytes("secret_hash"),
                rows.getObject("revoked_at") != null));
        if (!valid) {
            cryptographer.tamperedRows().refused(TABLE, id);
        }
        return valid;
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
