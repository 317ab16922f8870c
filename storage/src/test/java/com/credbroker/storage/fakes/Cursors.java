package com.credbroker.storage.fakes;

import com.credbroker.storage.db.ListCursor;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The fakes' keyset order, the stores' own: newest first by creation time, then by ID descending; a page
 * continues strictly after the {@link ListCursor} the previous page ended on (the cursor itself is the stores'
 * encoding, so a cursor the server did not issue is refused the same way).
 */
final class Cursors {
    private Cursors() {
    }

    /** {@code ORDER BY created_at DESC, id DESC}. */
    static <T> Comparator<T> newestFirst(Function<T, Instant> createdAt, Function<T, String> id) {
        return Comparator.comparing(createdAt).thenComparing(id).reversed();
    }

    /** The row comes after the cursor in that order: older, or as old with a smaller ID. */
    static boolean before(Instant createdAt, String id, ListCursor cursor) {
        int byTime = createdAt.compareTo(cursor.createdAt());
        return byTime < 0 || byTime == 0 && id.compareTo(cursor.id()) < 0;
    }
}
