package com.credbroker.storage.fakes;

import com.credbroker.storage.db.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The fakes' opaque keyset cursors: the base64url of the last key on the previous page. */
final class Cursors {
    private Cursors() {
    }

    static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page; refuses what no page produced, as the database stores do. */
    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}
