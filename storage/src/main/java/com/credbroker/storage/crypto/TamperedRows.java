package com.credbroker.storage.crypto;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs refusals of rows that failed their authentication, by table. A log line names the table
 * and the row's ID only (IDs are not secrets); metrics read {@link #count(String)} and label by table only.
 * Thread-safe.
 */
public final class TamperedRows {
    /** The tables whose rows are authenticated, for metrics that want every label from the start. */
    public static final List<String> TABLES = List.of("api_keys", "auth_configs", "credentials");
    private static final Logger LOG = LoggerFactory.getLogger(TamperedRows.class);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Records that a row of {@code table} was refused; returns the exception its reader throws. */
    public TamperedRowException refused(String table, String rowId) {
        counts.computeIfAbsent(table, t -> new LongAdder()).increment();
        LOG.error("refused {} row {}: it failed authentication under the keyring (written around the broker);"
                + " it is not used until an admin writes it again", table, rowId);
        return new TamperedRowException(table);
    }

    /** Refusals counted for {@code table} since start. */
    public long count(String table) {
        LongAdder adder = counts.get(table);
        return adder == null ? 0 : adder.sum();
    }
}
