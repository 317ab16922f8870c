package com.credbroker.broker.http;

import com.credbroker.broker.domain.NotFoundException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Identifier formats, checked before any query touches the database. */
public final class Ids {
    private static final Pattern PREFIXED_ID = Pattern.compile("[a-z]{2,4}_[A-Za-z0-9]{16,64}");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {
    }

    public static String connectionId(String raw) {
        if (!isConnectionId(raw)) {
            throw ApiException.badRequest(
                    "connection_id must be 1-128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
        }
        return raw;
    }

    /** The connection ID if it is well-formed, else null: safe to record in the audit trail. */
    public static String connectionIdOrNull(String raw) {
        return isConnectionId(raw) ? raw : null;
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._:-]{0,127}}, checked by hand: this runs on every lookup. */
    static boolean isConnectionId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 128 || !isAlphanumeric(raw.charAt(0))) {
            return false;
        }
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!isAlphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Checks an ID like {@code cred_…} or {@code key_…}; a malformed one is simply not found. */
    public static String prefixed(String raw, String prefix, String what) {
        if (raw == null || !raw.startsWith(prefix + "_") || !PREFIXED_ID.matcher(raw).matches()) {
            throw new NotFoundException(what);
        }
        return raw;
    }

    public static String newId(SecureRandom random, String prefix) {
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return prefix + "_" + new String(out);
    }
}
