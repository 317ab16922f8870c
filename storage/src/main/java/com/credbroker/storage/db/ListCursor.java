package com.credbroker.storage.db;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The position after the last row of a page in a listing ordered newest first, by
 * {@code (created_at DESC, id DESC)}: the row's creation instant and its ID. On the wire it is opaque
 * (base64url of {@code <epoch seconds>.<nanoseconds>:<id>}); {@link #decode} accepts only the exact
 * text {@link #encode} produces, so a cursor this store did not issue is refused with an
 * {@link InvalidCursorException} rather than read as some position that yields an empty page.
 * Immutable and thread-safe; never holds a secret (IDs and timestamps are plain columns).
 */
public record ListCursor(Instant createdAt, String id) {
    private static final Pattern TEXT = Pattern.compile("(-?[0-9]{1,12})\\.([0-9]{9}):([A-Za-z0-9_-]{1,128})");

    public ListCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String text = createdAt.getEpochSecond() + "." + String.format("%09d", createdAt.getNano()) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position, or null for a missing or empty cursor (the first page). */
    public static ListCursor decodeOrNull(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Matcher m = TEXT.matcher(text);
            if (m.matches()) {
                ListCursor position = new ListCursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)),
                        Long.parseLong(m.group(2))), m.group(3));
                if (position.encode().equals(cursor)) {
                    return position;
                }
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            // reported below, without the cursor
        }
        throw new InvalidCursorException();
    }

    /** The keyset condition for {@code ORDER BY <created> DESC, <id> DESC}; binds created, created, id. */
    public static String before(String createdColumn, String idColumn) {
        return "(" + createdColumn + " < ? OR (" + createdColumn + " = ? AND " + idColumn + " < ?))";
    }
}
