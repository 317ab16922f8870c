package com.credbroker.storage.fakes;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.CredentialRows;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.ListCursor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link CredentialRepository} in a map, for fast tests of the layers above storage. It passes the same
 * {@code CredentialRepositoryContract} as the JDBC store (the tests that tamper with database rows are
 * skipped for it). Thread-safe: every method holds the one lock, so concurrent writes serialise as the
 * row lock serialises them in a database. Secrets are kept as given (nothing is sealed).
 */
public final class InMemoryCredentialRepository implements CredentialRepository {
    private final Map<String, Credential> byId = new TreeMap<>();

    @Override
    public synchronized Optional<Credential> findByConnectionId(String connectionId) {
        return byId.values().stream().filter(c -> c.connectionId().equals(connectionId)).findFirst();
    }

    @Override
    public synchronized Optional<Credential> findByCredentialId(String credentialId) {
        return Optional.ofNullable(byId.get(credentialId));
    }

    @Override
    public synchronized UpsertResult upsert(Credential credential) {
        Optional<Credential> existing = findByConnectionId(credential.connectionId());
        if (existing.isEmpty()) {
            Credential stored = stored(credential, credential.credentialId(), credential.connectionId(),
                    credential.createdAt(), 1);
            byId.put(stored.credentialId(), stored);
            return new UpsertResult(stored, true);
        }
        Credential old = existing.get();
        Credential stored = stored(credential, old.credentialId(), old.connectionId(), old.createdAt(),
                old.version() + 1);
        byId.put(stored.credentialId(), stored);
        return new UpsertResult(stored, false);
    }

    @Override
    public synchronized Optional<Credential> updateIfVersion(Credential credential) {
        Credential old = byId.get(credential.credentialId());
        if (old == null || old.version() != credential.version()) {
            return Optional.empty();
        }
        Credential stored = stored(credential, old.credentialId(), old.connectionId(), old.createdAt(),
                old.version() + 1);
        byId.put(stored.credentialId(), stored);
        return Optional.of(stored);
    }

    @Override
    public synchronized Optional<String> delete(String credentialId) {
        return Optional.ofNullable(byId.remove(credentialId)).map(Credential::connectionId);
    }

    @Override
    public synchronized Page<CredentialSummary> list(CredentialFilter filter, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListCursor after = ListCursor.decodeOrNull(cursor);
        List<CredentialSummary> matching = byId.values().stream()
                .filter(c -> after == null || Cursors.before(c.createdAt(), c.credentialId(), after))
                .filter(c -> matches(filter, c))
                .sorted(Cursors.newestFirst(Credential::createdAt, Credential::credentialId))
                .map(Credential::summary)
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new Page<>(matching, null);
        }
        List<CredentialSummary> page = matching.subList(0, limit);
        CredentialSummary last = page.get(limit - 1);
        return new Page<>(page, new ListCursor(last.createdAt(), last.credentialId()).encode());
    }

    /**
     * Replaces the record in place when {@code test} holds for it, as a conditional SQL update of other stores
     * does (the connect store's expiry). False when there is no such record or the test fails.
     */
    public synchronized boolean replaceIf(String credentialId, java.util.function.Predicate<Credential> test,
            java.util.function.UnaryOperator<Credential> change) {
        Credential old = byId.get(credentialId);
        if (old == null || !test.test(old)) {
            return false;
        }
        byId.put(credentialId, change.apply(old));
        return true;
    }

    /** Every stored record (a test's view of the "table"). */
    public synchronized List<Credential> all() {
        return List.copyOf(byId.values());
    }

    private static boolean matches(CredentialFilter f, Credential c) {
        return (f.appName() == null || f.appName().equals(c.appName()))
                && (f.status() == null || f.status() == c.status())
                && (f.entityId() == null || f.entityId().equals(c.entityId()))
                && (f.authConfigId() == null || f.authConfigId().equals(c.authConfigId()))
                && (f.disabled() == null || f.disabled() == c.disabled());
    }

    /**
     * As a database stores it: instants at microsecond precision, the given identity and version, and the
     * domain's rules checked as every JDBC write checks them.
     */
    private static Credential stored(Credential in, String credentialId, String connectionId, Instant createdAt,
            long version) {
        return CredentialRows.asStored(in, credentialId, connectionId, createdAt, version);
    }

    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
