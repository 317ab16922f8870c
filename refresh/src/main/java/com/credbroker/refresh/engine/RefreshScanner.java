package com.credbroker.refresh.engine;

import com.credbroker.refresh.engine.TokenRefresher.RefreshParts;
import com.credbroker.storage.refresh.AbandonedRefresh;
import com.credbroker.storage.refresh.RefreshClaim;
import com.credbroker.storage.refresh.RefreshStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan of the scheduled refresh: recover abandoned leases, then claim due connections in batches
 * and hand them to the dispatcher, keeping at most one batch waiting. It claims again once half a batch
 * has drained, and then as many as fit: few large claims rather than one per finished refresh (each
 * claim walks the leased rows at the front of the due order). Run by the Quartz job (never
 * concurrently with itself) or directly by tests with an injected clock.
 */
public final class RefreshScanner {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshScanner.class);
    private static final Duration BACKLOG_WAIT = Duration.ofSeconds(5);

    private final RefreshParts parts;
    private final TokenRefresher refresher;
    private final RefreshDispatcher dispatcher;
    private final RandomGenerator random;
    private volatile boolean stopped;

    RefreshScanner(RefreshParts parts, TokenRefresher refresher, RefreshDispatcher dispatcher,
            RandomGenerator random) {
        this.parts = parts;
        this.refresher = refresher;
        this.dispatcher = dispatcher;
        this.random = random;
    }

    /** What one scan did. */
    public record ScanReport(int recovered, int interrupted, int claimed) {
    }

    /** Runs one scan; returns when every due connection has been claimed (not necessarily refreshed). */
    public ScanReport runOnce() {
        List<AbandonedRefresh> abandoned = recover(false);
        int batch = parts.config().batchSize();
        int refillBelow = Math.max(1, batch / 2);
        int claimed = 0;
        int emptyBatches = 0;
        while (!stopped) {
            if (!dispatcher.awaitBacklogBelow(refillBelow, BACKLOG_WAIT)) {
                continue;
            }
            Instant now = parts.clock().instant();
            List<RefreshClaim> claims = store().claimDue(now, RefreshDue.dueBefore(now, parts.config().window()),
                    batch - dispatcher.backlog(), parts.owner(), now.plus(parts.config().lease()));
            if (claims.isEmpty()) {
                // A batch can come back short or empty when another claimer took the rows first.
                if (++emptyBatches > 2) {
                    break;
                }
                continue;
            }
            emptyBatches = 0;
            claims.forEach(this::dispatch);
            claimed += claims.size();
        }
        sample();
        int interrupted = (int) abandoned.stream().filter(AbandonedRefresh::interrupted).count();
        return new ScanReport(abandoned.size(), interrupted, claimed);
    }

    /** Makes a running scan stop claiming (at shutdown). */
    void stop() {
        stopped = true;
    }

    /**
     * Finds leases whose owner is gone. A refresh that had sent its request is marked EXPIRED (the
     * provider may have rotated the token) and never retried; one that had not is just released.
     */
    public List<AbandonedRefresh> recover(boolean foreignAreDead) {
        List<AbandonedRefresh> abandoned = store().recoverAbandoned(parts.clock().instant(), parts.owner(),
                foreignAreDead, RefreshDecisions.INTERRUPTED);
        for (AbandonedRefresh refresh : abandoned) {
            if (refresh.interrupted()) {
                LOG.warn("credential {} was being refreshed when its broker stopped; marked EXPIRED"
                        + " (refresh_interrupted)", refresh.credentialId());
                parts.listener().committed(refresh.connectionId(), RefreshTrigger.SCHEDULED,
                        RefreshOutcome.NOT_REFRESHABLE);
            }
        }
        return abandoned;
    }

    /** Refreshes the gauges (due backlog, connections by status). */
    public void sample() {
        Instant now = parts.clock().instant();
        parts.metrics().sample(store().countDue(now, RefreshDue.dueBefore(now, parts.config().window())), store().countByStatus());
    }

    private void dispatch(RefreshClaim claim) {
        CompletableFuture<RefreshResult> reservation = refresher.reserve(claim);
        dispatcher.submit(claim.authConfigId(), jitter(), new RefreshDispatcher.Task() {
            @Override
            public void run() {
                refresher.refreshClaimed(claim, reservation);
            }

            @Override
            public void cancel() {
                refresher.cancelClaimed(claim, reservation);
            }
        });
    }

    private Duration jitter() {
        long bound = parts.config().jitter().toMillis();
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(bound + 1));
    }

    private RefreshStore store() {
        return parts.store();
    }
}
