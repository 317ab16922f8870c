package com.credbroker.storage.credential;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The listing query: filters from {@link CredentialFilter}, keyset pagination by credential ID.
 * The cursor is the base64url of the last credential ID on the previous page; callers treat it as opaque.
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
        add("credential_id > ?", cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor));
    }

    /** Selects up to {@code fetch} rows (callers ask for one more than a page to see if there is a next). */
    PreparedStatement prepare(Connection connection, int fetch) throws SQLException {
        String sql = "SELECT " + CredentialRows.PLAIN_COLUMNS + " FROM credentials"
                + (where.length() == 0 ? "" : " WHERE " + where)
                + " ORDER BY credential_id FETCH FIRST ? ROWS ONLY";
        PreparedStatement statement = connection.prepareStatement(sql);
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        statement.setInt(index, fetch);
        return statement;
    }

    static String encodeCursor(String lastCredentialId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(lastCredentialId.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new com.credbroker.storage.db.InvalidCursorException();
        }
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
