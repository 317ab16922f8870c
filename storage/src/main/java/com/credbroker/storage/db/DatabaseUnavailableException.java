package com.credbroker.storage.db;

import java.sql.SQLException;

/**
 * The configured database could not be opened at all: the server is unreachable, refused the
 * credentials, or has no such database. The message says which, in fixed words that name the setting to
 * check; it never quotes the JDBC URL (which may embed a password) or the driver's text. The driver's
 * exception is kept as the cause for server-side logs.
 */
public final class DatabaseUnavailableException extends RuntimeException {
    private DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Classifies the first {@link SQLException} in {@code failure}'s causes by its SQL state. */
    public static DatabaseUnavailableException of(Throwable failure) {
        return new DatabaseUnavailableException(describe(sqlState(failure)), failure);
    }

    private static String describe(String state) {
        if (state.startsWith("08")) {
            return "cannot connect to the database: check the host and port in CREDBROKER_DB_URL"
                    + " and that the server is running";
        }
        if (state.startsWith("28")) {
            return "the database refused the login: check CREDBROKER_DB_USER and CREDBROKER_DB_PASSWORD";
        }
        if ("3D000".equals(state)) {
            return "the database named in CREDBROKER_DB_URL does not exist";
        }
        return "cannot open the database (SQL state " + (state.isEmpty() ? "unknown" : state) + ")";
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
