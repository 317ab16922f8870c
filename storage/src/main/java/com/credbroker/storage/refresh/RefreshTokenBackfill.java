package com.credbroker.storage.refresh;

import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.CredentialRows;
import com.credbroker.storage.credential.SecretsCodec;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives {@code has_refresh_token} a value on rows that predate it (NULL). Rows of other schemes are
 * set to false in one statement without opening anything; OAUTH2 rows are opened a batch at a time in
 * credential-ID order. Each update applies only while the flag is still NULL, so a write that happened
 * meanwhile (and set the flag itself) wins. Logs credential IDs and counts only.
 */
final class RefreshTokenBackfill {
    static final int BATCH_SIZE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenBackfill.class);

    private final DataSource dataSource;
    private final Cryptographer cryptographer;
    private final int batchSize;
    private final SecretsCodec codec = new SecretsCodec();

    RefreshTokenBackfill(DataSource dataSource, Cryptographer cryptographer) {
        this(dataSource, cryptographer, BATCH_SIZE);
    }

    RefreshTokenBackfill(DataSource dataSource, Cryptographer cryptographer, int batchSize) {
        this.dataSource = dataSource;
        this.cryptographer = cryptographer;
        this.batchSize = batchSize;
    }

    int run() {
        try (Connection connection = dataSource.getConnection()) {
            int set = flagOtherSchemes(connection);
            String after = "";
            List<Unflagged> batch;
            while (!(batch = nextOauth2Batch(connection, after)).isEmpty()) {
                after = batch.get(batch.size() - 1).credentialId();
                set += flag(connection, batch);
            }
            if (set > 0) {
                LOG.info("recorded whether a refresh token is present for {} credential(s)", set);
            }
            return set;
        } catch (SQLException e) {
            throw new StorageException("refresh token flag backfill", e);
        }
    }

    private static int flagOtherSchemes(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE credentials SET has_refresh_token = FALSE"
                + " WHERE has_refresh_token IS NULL AND auth_scheme <> 'OAUTH2'")) {
            return update.executeUpdate();
        }
    }

    private List<Unflagged> nextOauth2Batch(Connection connection, String after) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT credential_id, payload FROM credentials"
                + " WHERE has_refresh_token IS NULL AND auth_scheme = 'OAUTH2' AND credential_id > ?"
                + " ORDER BY credential_id FETCH FIRST ? ROWS ONLY")) {
            select.setString(1, after);
            select.setInt(2, batchSize);
            List<Unflagged> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Unflagged(result.getString(1), result.getBytes(2)));
                }
            }
            return rows;
        }
    }

    private int flag(Connection connection, List<Unflagged> batch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE credentials SET has_refresh_token = ?"
                + " WHERE credential_id = ? AND has_refresh_token IS NULL")) {
            for (Unflagged row : batch) {
                Optional<Boolean> flag = hasRefreshToken(row);
                if (flag.isPresent()) {
                    update.setBoolean(1, flag.get());
                    update.setString(2, row.credentialId());
                    update.addBatch();
                }
            }
            int set = 0;
            for (int count : update.executeBatch()) {
                set += Math.max(count, 0);
            }
            return set;
        }
    }

    /** Empty when the payload does not open (logged; left NULL, so the row is never refreshed). */
    private Optional<Boolean> hasRefreshToken(Unflagged row) {
        try {
            return Optional.of(CredentialRows.hasRefreshToken(AuthScheme.OAUTH2,
                    codec.openUnverified(cryptographer, row.payload(), row.credentialId())));
        } catch (DecryptionException | StorageException e) {
            LOG.warn("refresh token flag left unknown for credential {}: its payload does not open",
                    row.credentialId());
            return Optional.empty();
        }
    }

    private record Unflagged(String credentialId, byte[] payload) {
    }
}
