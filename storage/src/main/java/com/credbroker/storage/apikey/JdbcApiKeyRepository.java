package com.credbroker.storage.apikey;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.RowSeals;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import com.credbroker.storage.db.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link ApiKeyRepository} with Jdbi over the {@code api_keys} table; every call joins a transaction its
 * thread has open on the same data source ({@link Transactions}). Thread-safe. Only the
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
    private final Transactions transactions;
    private final Cryptographer cryptographer;

    public JdbcApiKeyRepository(DataSource dataSource, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.transactions = Transactions.of(dataSource);
        this.cryptographer = cryptographer;
    }

    @Override
    public void insert(ApiKey key) {
        String scopes = String.join(" ", new TreeSet<>(key.scopes()));
        byte[] hash = key.secretHash();
        transactions.inTransaction("api key insert", handle -> handle.createUpdate("INSERT INTO api_keys ("
                        + COLUMNS + ", row_seal) VALUES (:id, :kind, :name, :scopes, :secret_hash, :created_at,"
                        + " :revoked_at, :row_seal)")
                .bind("id", key.id())
                .bind("kind", key.kind().wireName())
                .bind("name", key.name())
                .bind("scopes", scopes)
                .bind("secret_hash", hash)
                .bind("created_at", Jdbc.instant(key.createdAt()))
                .bind("revoked_at", Jdbc.instant(key.revokedAt()))
                .bind("row_seal", seal(key.id(), key.kind().wireName(), scopes, hash, key.revoked()))
                .execute());
    }

    @Override
    public Optional<ApiKey> findBySecretHash(byte[] secretHash) {
        return query("SELECT " + COLUMNS + ", row_seal FROM api_keys WHERE secret_hash = :secret_hash",
                query -> query.bind("secret_hash", secretHash)).stream().findFirst();
    }

    @Override
    public Optional<ApiKey> findById(String id) {
        return query("SELECT " + COLUMNS + ", row_seal FROM api_keys WHERE id = :id",
                query -> query.bind("id", id)).stream().findFirst();
    }

    @Override
    public List<ApiKey> list() {
        return query("SELECT " + COLUMNS + ", row_seal FROM api_keys ORDER BY created_at DESC, id DESC",
                query -> query);
    }

    /** Revokes and re-seals the row as revoked, whether or not its seal held (revoking never grants). */
    @Override
    public boolean revoke(String id, Instant at) {
        return transactions.inTransaction("api key revoke", handle -> {
            Optional<Optional<byte[]>> locked = handle.createQuery(
                            "SELECT kind, scopes, secret_hash, revoked_at FROM api_keys WHERE id = :id FOR UPDATE")
                    .bind("id", id)
                    .map((rows, context) -> rows.getObject("revoked_at") != null ? Optional.<byte[]>empty()
                            : Optional.of(seal(id, rows.getString("kind"), rows.getString("scopes"),
                                    rows.getBytes("secret_hash"), true)))
                    .findOne();
            if (locked.isEmpty()) {
                return false;
            }
            if (locked.get().isEmpty()) {
                return true; // revoked already
            }
            handle.createUpdate("UPDATE api_keys SET revoked_at = :at, row_seal = :row_seal"
                            + " WHERE id = :id AND revoked_at IS NULL")
                    .bind("at", Jdbc.instant(at))
                    .bind("row_seal", locked.get().get())
                    .bind("id", id)
                    .execute();
            return true;
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

    /** The authentic rows the query selects; the others are refused (logged and counted) and left out. */
    private List<ApiKey> query(String sql, UnaryOperator<Query> binder) {
        return transactions.withHandle("api key lookup", handle -> binder.apply(handle.createQuery(sql))
                .map((rows, context) -> authentic(rows) ? Optional.of(read(rows)) : Optional.<ApiKey>empty())
                .stream()
                .flatMap(Optional::stream)
                .toList());
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
