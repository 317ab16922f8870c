package com.credbroker.storage.crypto;

/**
 * A stored row failed its authentication under the keyring: a column that decides who may read a secret
 * or where it is sent differs from what the broker sealed (written around the broker, by hand in SQL or
 * from a foreign archive), or the row carries no seal at all. It is a {@link DecryptionException}, so
 * every path that refuses an unreadable payload refuses such a row the same way: nothing is disclosed or
 * sent. The message is fixed; it never names a value.
 */
public final class TamperedRowException extends DecryptionException {
    private final String table;

    public TamperedRowException(String table) {
        super("stored row failed authentication");
        this.table = table;
    }

    /** The table the row is in (a constant of the repository, never input). */
    public String table() {
        return table;
    }
}
