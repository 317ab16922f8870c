package com.credbroker.storage.crypto;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link KeyringRepository} in plain JDBC over a {@link DataSource}, in SQL that runs on H2 and
 * PostgreSQL. Reads never write, so they can run on a read-only connection before migrations.
 * Thread-safe (stateless beyond the data source). Plain JDBC on purpose: the keyring is read on a single
 * read-only connection before the pool and migrations exist ({@code Database.openReadOnly}), where no
 * {@link com.credbroker.storage.db.Transactions} is; its writes commit in transactions of their own (a
 * keyring change is never part of another write, and has its own conflict exception).
 */
public final class JdbcKeyringRepository implements KeyringRepository {
    private static final int META_ID = 1;

    private final DataSource dataSource;

    public JdbcKeyringRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<KeyringMeta> findMeta() {
        try (Connection c = dataSource.getConnection()) {
            if (!tableExists(c, "keyring_meta")) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT canary, kdf_salt, kdf_params FROM keyring_meta WHERE id = ?")) {
                ps.setInt(1, META_ID);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(meta(rs)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new KeyringStorageException("cannot read the keyring metadata", e);
        }
    }

    private static KeyringMeta meta(ResultSet rs) throws SQLException {
        byte[] salt = rs.getBytes("kdf_salt");
        String params = rs.getString("kdf_params");
        Optional<PassphraseKdf> kdf = salt == null ? Optional.empty() : Optional.of(PassphraseKdf.parse(salt, params));
        return new KeyringMeta(rs.getBytes("canary"), kdf);
    }

    @Override
    public List<WrappedTerm> findTerms() {
        try (Connection c = dataSource.getConnection()) {
            if (!tableExists(c, "keyring_terms")) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT term, wrapped_key, created_at, encryptions FROM keyring_terms ORDER BY term");
                 ResultSet rs = ps.executeQuery()) {
                List<WrappedTerm> terms = new ArrayList<>();
                while (rs.next()) {
                    terms.add(new WrappedTerm(rs.getInt(1), rs.getBytes(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getLong(4)));
                }
                return terms;
            }
        } catch (SQLException e) {
            throw new KeyringStorageException("cannot read the keyring terms", e);
        }
    }

    @Override
    public void initialise(KeyringMeta meta, WrappedTerm first, Instant now) {
        inTransaction("cannot initialise the keyring", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO keyring_meta"
                    + " (id, canary, kdf_salt, kdf_params, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, META_ID);
                ps.setBytes(2, meta.canary());
                ps.setBytes(3, meta.kdf().map(PassphraseKdf::salt).orElse(null));
                ps.setString(4, meta.kdf().map(PassphraseKdf::parameters).orElse(null));
                ps.setObject(5, utc(now));
                ps.setObject(6, utc(now));
                ps.executeUpdate();
            }
            insertTerm(c, first);
        });
    }

    @Override
    public void insertTerm(WrappedTerm term) {
        inTransaction("cannot add keyring term " + term.term(), c -> insertTerm(c, term));
    }

    private static void insertTerm(Connection c, WrappedTerm term) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO keyring_terms (term, wrapped_key, created_at, encryptions) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, term.term());
            ps.setBytes(2, term.wrappedKey());
            ps.setObject(3, utc(term.createdAt()));
            ps.setLong(4, term.encryptions());
            ps.executeUpdate();
        }
    }

    @Override
    public void addEncryptions(Map<Integer, Long> deltasByTerm) {
        if (deltasByTerm.isEmpty()) {
            return;
        }
        inTransaction("cannot record keyring encryption counts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE keyring_terms SET encryptions = encryptions + ? WHERE term = ?")) {
                for (Map.Entry<Integer, Long> e : deltasByTerm.entrySet()) {
                    ps.setLong(1, e.getValue());
                    ps.setInt(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public void replaceWrapping(KeyringMeta meta, List<WrappedTerm> terms, Instant now) {
        inTransaction("cannot rewrap the keyring", c -> {
            updateMeta(c, meta, now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE keyring_terms SET wrapped_key = ? WHERE term = ?")) {
                for (WrappedTerm t : terms) {
                    ps.setBytes(1, t.wrappedKey());
                    ps.setInt(2, t.term());
                    if (ps.executeUpdate() != 1) {
                        throw new KeyringConflictException("keyring term " + t.term() + " vanished during rewrap");
                    }
                }
            }
            if (countTerms(c) != terms.size()) {
                throw new KeyringConflictException("a keyring term was added during rewrap; retry");
            }
        });
    }

    private static void updateMeta(Connection c, KeyringMeta meta, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE keyring_meta SET canary = ?, kdf_salt = ?, kdf_params = ?, updated_at = ? WHERE id = ?")) {
            ps.setBytes(1, meta.canary());
            ps.setBytes(2, meta.kdf().map(PassphraseKdf::salt).orElse(null));
            ps.setString(3, meta.kdf().map(PassphraseKdf::parameters).orElse(null));
            ps.setObject(4, utc(now));
            ps.setInt(5, META_ID);
            if (ps.executeUpdate() != 1) {
                throw new KeyringConflictException("the keyring is not initialised");
            }
        }
    }

    private static long countTerms(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM keyring_terms");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * In the connection's current schema only (a PostgreSQL database may hold other schemas with tables
     * of the same name). Case-insensitive: H2 stores unquoted names upper-case, PostgreSQL lower-case.
     */
    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void inTransaction(String failure, SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new KeyringConflictException(failure + ": it was changed concurrently");
            }
            throw new KeyringStorageException(failure, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }
}
