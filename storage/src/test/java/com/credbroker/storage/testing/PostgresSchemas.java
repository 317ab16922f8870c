package com.credbroker.storage.testing;

import com.credbroker.storage.db.Database;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that hands out fresh {@link PostgresSchema}s and drops them when the test is over:
 * after every {@code @AfterEach} method of the test (so a fixture closes its pool first). Register it in an
 * instance field (one test, its own schemas) of a {@link RequiresPostgres} class:
 *
 * <pre>{@code
 * @RegisterExtension
 * final PostgresSchemas schemas = new PostgresSchemas();
 *
 * protected Database openDatabase() { return schemas.openDatabase(dataDir); }
 * }</pre>
 */
public final class PostgresSchemas implements AfterEachCallback {
    private final Deque<PostgresSchema> created = new ArrayDeque<>();

    /** A new, empty schema of its own. */
    public synchronized PostgresSchema create() {
        PostgresSchema schema = PostgresSchema.create();
        created.push(schema);
        return schema;
    }

    /** A migrated {@link Database} on a new schema; the caller closes the database, this the schema. */
    public Database openDatabase(Path dataDir) {
        return create().openDatabase(dataDir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        dropAll();
    }

    private synchronized void dropAll() {
        RuntimeException failure = null;
        while (!created.isEmpty()) {
            try {
                created.pop().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
