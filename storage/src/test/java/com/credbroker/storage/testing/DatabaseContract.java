package com.credbroker.storage.testing;

import com.credbroker.storage.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the storage contract tests: the database a test runs on, opened before the contract's own
 * {@code @BeforeEach} (which builds its stores on it) and closed after its {@code @AfterEach}. The H2 and
 * PostgreSQL subclasses supply it; there is none by default, for a contract's in-memory fake, which
 * supplies its own stores instead.
 */
public abstract class DatabaseContract {
    protected Database database;

    /** A fresh, migrated, empty database; null for a store without one. */
    protected Database openDatabase() throws Exception {
        return null;
    }

    @BeforeEach
    protected void openTheDatabase() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    protected void closeTheDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
