package com.credbroker.storage.credential;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one read, change, write-if-unchanged loop of versioned records (credentials, auth configs): the
 * change is applied to the record as read and written only if the stored version is still the one read;
 * when a concurrent write wins, the record is read again and the change applied again, at most
 * {@value #MAX_ATTEMPTS} times, then {@link VersionConflictException}. A change may throw to refuse (its
 * exception passes through, nothing written) or return the record it was given, the same instance, to
 * leave it as it is (nothing written; that record is returned). Stateless and thread-safe; the change may
 * run several times, so it must not have side effects beyond its result.
 */
public final class OptimisticUpdate {
    public static final int MAX_ATTEMPTS = 5;

    private OptimisticUpdate() {
    }

    /**
     * @param read     the record as stored now; empty when there is none
     * @param write    the conditional write: the stored record, or empty when the version moved
     * @param conflict the caller-safe message of the exception when every attempt lost
     * @return the stored record after the change (or as it is, when the change left it); empty when none was found
     */
    public static <T> Optional<T> run(Supplier<Optional<T>> read, UnaryOperator<T> change,
            Function<T, Optional<T>> write, String conflict) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<T> current = read.get();
            if (current.isEmpty()) {
                return current;
            }
            T next = change.apply(current.get());
            if (next == current.get()) {
                return current;
            }
            Optional<T> stored = write.apply(next);
            if (stored.isPresent()) {
                return stored;
            }
        }
        throw new VersionConflictException(conflict);
    }
}
