package com.credbroker.storage.testing;

import com.credbroker.storage.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;
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
 * protected Database openDatabase() { return schemas.openDatabase(); }
 * }</pre>
 *
 * The data folder a database needs besides its schema is the extension's too, made on first use and
 * deleted with the schemas, so a contract's PostgreSQL subclass is only those two members.
 */
public final class PostgresSchemas implements AfterEachCallback {
    private final Deque<PostgresSchema> created = new ArrayDeque<>();
    private Path dataDir;

    /** A new, empty schema of its own. */
    public synchronized PostgresSchema create() {
        PostgresSchema schema = PostgresSchema.create();
        created.push(schema);
        return schema;
    }

    /**
     * A migrated {@link Database} on a new schema, over this test's data folder; the caller closes the
     * database, this the schema and the folder.
     */
    public Database openDatabase() {
        return create().openDatabase(dataDir());
    }

    private synchronized Path dataDir() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("credbroker-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDir;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            dropAll();
        } finally {
            deleteDataDir();
        }
    }

    private synchronized void deleteDataDir() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dataDir = null;
        }
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
