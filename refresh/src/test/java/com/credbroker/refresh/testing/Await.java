package com.credbroker.refresh.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for something another thread or process does (not for time to pass): polls until true or the bound. */
public final class Await {
    private Await() {
    }

    /** True when {@code condition} held within {@code bound}. */
    public static boolean until(BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return true;
    }
}
