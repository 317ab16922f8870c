package com.credbroker.storage.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * A column value as archive JSON and back, by the column's JDBC type: booleans and integers as JSON values,
 * timestamps as ISO-8601 text, binary as base64, everything else as text. Decoding follows the target
 * column's type, so an archive value never chooses how it is bound; a value of the wrong shape is refused.
 */
final class ColumnCodec {
    enum Kind { BOOLEAN, INT, LONG, DECIMAL, DOUBLE, TIMESTAMP_TZ, TIMESTAMP, DATE, BYTES, TEXT }

    private ColumnCodec() {
    }

    static Kind kind(BackupTables.Column column) {
        String name = String.valueOf(column.typeName()).toUpperCase(Locale.ROOT);
        return switch (column.type()) {
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Kind.INT;
            case Types.BIGINT -> Kind.LONG;
            case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.DOUBLE;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_TZ;
            case Types.TIMESTAMP -> name.contains("TZ") || name.contains("TIME ZONE") ? Kind.TIMESTAMP_TZ
                    : Kind.TIMESTAMP;
            case Types.DATE -> Kind.DATE;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BYTES;
            default -> Kind.TEXT;
        };
    }

    /** Puts column {@code index} of the current row into {@code row} under the column's key. */
    static void read(ResultSet rs, int index, BackupTables.Column column, ObjectNode row) throws SQLException {
        String key = column.key();
        switch (kind(column)) {
            case BOOLEAN -> {
                boolean value = rs.getBoolean(index);
                putOrNull(rs, row, key, () -> row.put(key, value));
            }
            case INT, LONG -> {
                long value = rs.getLong(index);
                putOrNull(rs, row, key, () -> row.put(key, value));
            }
            case DECIMAL -> row.put(key, text(rs.getBigDecimal(index)));
            case DOUBLE -> {
                double value = rs.getDouble(index);
                putOrNull(rs, row, key, () -> row.put(key, value));
            }
            case TIMESTAMP_TZ -> row.put(key, text(rs.getObject(index, OffsetDateTime.class)));
            case TIMESTAMP -> row.put(key, text(rs.getObject(index, LocalDateTime.class)));
            case DATE -> row.put(key, text(rs.getObject(index, LocalDate.class)));
            case BYTES -> {
                byte[] bytes = rs.getBytes(index);
                row.put(key, bytes == null ? null : Base64.getEncoder().encodeToString(bytes));
            }
            default -> row.put(key, rs.getString(index));
        }
    }

    private static void putOrNull(ResultSet rs, ObjectNode row, String key, Runnable put) throws SQLException {
        if (rs.wasNull()) {
            row.putNull(key);
        } else {
            put.run();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Binds {@code value} (from an archive) to parameter {@code index} as the target column's type. */
    static void bind(PreparedStatement statement, int index, BackupTables.Column column, JsonNode value)
            throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(index, column.type());
            return;
        }
        Kind kind = kind(column);
        try {
            switch (kind) {
                case BOOLEAN -> statement.setBoolean(index, require(value, value.isBoolean()).booleanValue());
                case INT -> statement.setInt(index, require(value, value.canConvertToInt() && value.isIntegralNumber())
                        .intValue());
                case LONG -> statement.setLong(index, require(value, value.isIntegralNumber()
                        && value.canConvertToLong()).longValue());
                case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(require(value, value.isTextual()).asText()));
                case DOUBLE -> statement.setDouble(index, require(value, value.isNumber()).doubleValue());
                case TIMESTAMP_TZ -> statement.setObject(index, OffsetDateTime.parse(textOf(value)));
                case TIMESTAMP -> statement.setObject(index, LocalDateTime.parse(textOf(value)));
                case DATE -> statement.setObject(index, LocalDate.parse(textOf(value)));
                case BYTES -> statement.setBytes(index, Base64.getDecoder().decode(textOf(value)));
                default -> statement.setString(index, textOf(value));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw badValue(column);
        } catch (BackupRefusedException e) {
            throw badValue(column);
        }
    }

    private static JsonNode require(JsonNode value, boolean ok) {
        if (!ok) {
            throw new BackupRefusedException("bad value");
        }
        return value;
    }

    private static String textOf(JsonNode value) {
        return require(value, value.isTextual()).asText();
    }

    private static BackupRefusedException badValue(BackupTables.Column column) {
        return new BackupRefusedException("the archive holds a value of the wrong type for column " + column.key());
    }
}
