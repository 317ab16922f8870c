package com.credbroker.refresh.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * At most one computation per key in this process: a caller arriving while one runs waits for it and
 * gets the same result (or exception). Thread-safe.
 */
final class SingleFlight<K, V> {
    private final ConcurrentMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

    /** Runs {@code work} unless a flight for {@code key} is already up, in which case joins that one. */
    V run(K key, Supplier<V> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        return fly(key, mine, work);
    }

    /**
     * Reserves the key for work that will run later (a claimed, queued scheduled refresh): callers
     * arriving meanwhile wait for it. Null when a flight is already up.
     */
    CompletableFuture<V> reserve(K key) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        return flights.putIfAbsent(key, mine) == null ? mine : null;
    }

    /** Runs reserved work and ends the reservation. */
    V runReserved(K key, CompletableFuture<V> reservation, Supplier<V> work) {
        return fly(key, reservation, work);
    }

    boolean inFlight(K key) {
        return flights.containsKey(key);
    }

    private V fly(K key, CompletableFuture<V> flight, Supplier<V> work) {
        try {
            V value = work.get();
            flight.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            flight.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, flight);
        }
    }

    private static <V> V join(CompletableFuture<V> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
