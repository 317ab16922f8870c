package com.credbroker.storage.crypto;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Counts encryptions per key term in memory (no I/O on the sealing path) and calls {@code onLimit}
 * once per term when the term's total (persisted + unflushed) reaches the limit. Thread-safe.
 */
final class EncryptionTally implements Cryptographer.EncryptionCounter {
    private final long limit;
    private final IntConsumer onLimit;
    private final Map<Integer, AtomicLong> unflushed = new ConcurrentHashMap<>();
    private final Map<Integer, Long> persisted = new ConcurrentHashMap<>();
    private final Set<Integer> signalled = ConcurrentHashMap.newKeySet();

    EncryptionTally(long limit, IntConsumer onLimit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the per-term encryption limit must be positive");
        }
        this.limit = limit;
        this.onLimit = onLimit;
    }

    @Override
    public void encrypted(int term) {
        long local = unflushed.computeIfAbsent(term, t -> new AtomicLong()).incrementAndGet();
        if (local + persisted.getOrDefault(term, 0L) >= limit && signalled.add(term)) {
            onLimit.accept(term);
        }
    }

    /** Replaces the persisted counts with what the database holds now. */
    void loadPersisted(List<WrappedTerm> terms) {
        terms.forEach(t -> persisted.put(t.term(), t.encryptions()));
    }

    /** Takes the counts not yet written; give them back with {@link #restore} if the write fails. */
    Map<Integer, Long> drain() {
        Map<Integer, Long> deltas = new HashMap<>();
        unflushed.forEach((term, count) -> {
            long delta = count.getAndSet(0);
            if (delta > 0) {
                persisted.merge(term, delta, Long::sum);
                deltas.put(term, delta);
            }
        });
        return deltas;
    }

    void restore(Map<Integer, Long> deltas) {
        deltas.forEach((term, delta) -> {
            persisted.merge(term, -delta, Long::sum);
            unflushed.computeIfAbsent(term, t -> new AtomicLong()).addAndGet(delta);
        });
    }

    long total(int term) {
        AtomicLong local = unflushed.get(term);
        return persisted.getOrDefault(term, 0L) + (local == null ? 0 : local.get());
    }

    boolean reachedLimit(int term) {
        return total(term) >= limit;
    }
}
