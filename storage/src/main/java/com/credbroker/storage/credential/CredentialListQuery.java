package com.credbroker.storage.credential;

import com.credbroker.storage.db.ListCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The listing query: filters from {@link CredentialFilter}, newest first ({@code created_at DESC,
 * credential_id DESC}, a total order that a concurrent insert or update cannot reshuffle), keyset
 * pagination by a {@link ListCursor} on the last row of the previous page; callers treat it as opaque.
 */
final class CredentialListQuery {
    private final StringBuilder where = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    CredentialListQuery(CredentialFilter filter, String cursor) {
        CredentialFilter f = filter == null ? CredentialFilter.none() : filter;
        add("app_name = ?", f.appName());
        add("status = ?", f.status() == null ? null : f.status().name());
        add("entity_id = ?", f.entityId());
        add("auth_config_id = ?", f.authConfigId());
        add("is_disabled = ?", f.disabled());
        ListCursor after = ListCursor.decodeOrNull(cursor);
        if (after != null) {
            OffsetDateTime at = OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC);
            add(ListCursor.before("created_at", "credential_id"), at);
            parameters.add(at);
            parameters.add(after.id());
        }
    }

    /** Selects up to {@code fetch} rows (callers ask for one more than a page to see if there is a next). */
    PreparedStatement prepare(Connection connection, int fetch) throws SQLException {
        String sql = "SELECT " + CredentialRows.PLAIN_COLUMNS + " FROM credentials"
                + (where.length() == 0 ? "" : " WHERE " + where)
                + " ORDER BY created_at DESC, credential_id DESC FETCH FIRST ? ROWS ONLY";
        PreparedStatement statement = connection.prepareStatement(sql);
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        statement.setInt(index, fetch);
        return statement;
    }

    static String encodeCursor(CredentialSummary last) {
        return new ListCursor(last.createdAt(), last.credentialId()).encode();
    }

    private void add(String condition, Object value) {
        if (value == null) {
            return;
        }
        if (where.length() > 0) {
            where.append(" AND ");
        }
        where.append(condition);
        parameters.add(value);
    }
}
