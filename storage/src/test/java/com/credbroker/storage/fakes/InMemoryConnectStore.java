package com.credbroker.storage.fakes;

import com.credbroker.storage.connect.ConnectStore;
import com.credbroker.storage.connect.OverdueAuthorization;
import com.credbroker.storage.connect.PendingAuthorization;
import com.credbroker.storage.connect.StateClaim;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ConnectStore} in a map beside an {@link InMemoryCredentialRepository}; passes
 * {@code ConnectStoreContract}. A started authorization goes with its connection (as the database's foreign
 * key takes it). Thread-safe: one lock, so of two callbacks with one state exactly one claims it.
 */
public final class InMemoryConnectStore implements ConnectStore {
    private final InMemoryCredentialRepository credentials;
    private final Map<String, PendingAuthorization> byStateHash = new HashMap<>();

    public InMemoryConnectStore(InMemoryCredentialRepository credentials) {
        this.credentials = credentials;
    }

    @Override
    public synchronized void saveAuthorization(PendingAuthorization authorization) {
        if (credentials.findByCredentialId(authorization.credentialId()).isEmpty()) {
            throw new IllegalStateException("no such connection");
        }
        byStateHash.put(authorization.stateHash(), new PendingAuthorization(authorization.stateHash(),
                authorization.credentialId(), authorization.redirectUri(),
                InMemoryCredentialRepository.micros(authorization.createdAt()),
                InMemoryCredentialRepository.micros(authorization.expiresAt()),
                InMemoryCredentialRepository.micros(authorization.consumedAt()), authorization.nonceHash()));
    }

    @Override
    public synchronized StateClaim consume(String stateHash, Instant now) {
        Optional<PendingAuthorization> found = live(stateHash);
        if (found.isEmpty()) {
            return new StateClaim.Unknown();
        }
        PendingAuthorization pending = found.get();
        if (pending.consumedAt() != null) {
            return new StateClaim.Reused(pending);
        }
        PendingAuthorization claimed = new PendingAuthorization(pending.stateHash(), pending.credentialId(),
                pending.redirectUri(), pending.createdAt(), pending.expiresAt(), InMemoryCredentialRepository.micros(now),
                pending.nonceHash());
        byStateHash.put(stateHash, claimed);
        return new StateClaim.Claimed(claimed);
    }

    @Override
    public synchronized boolean expireInitiated(String credentialId, String reason, Instant now) {
        return credentials.replaceIf(credentialId, c -> c.status() == CredentialStatus.INITIATED,
                c -> new Credential(c.credentialId(), c.connectionId(), CredentialStatus.EXPIRED, c.appName(),
                        c.authScheme(), c.entityId(), c.authConfigId(), c.disabled(), c.expiresAt(), c.createdAt(),
                        InMemoryCredentialRepository.micros(now), reason, c.version() + 1, c.secrets()));
    }

    @Override
    public synchronized List<OverdueAuthorization> findOverdue(Instant now, Instant consumedBefore, int limit) {
        return byStateHash.values().stream()
                .filter(s -> !s.expiresAt().isAfter(now))
                .filter(s -> s.consumedAt() == null || !s.consumedAt().isAfter(consumedBefore))
                .sorted(Comparator.comparing(PendingAuthorization::expiresAt))
                .flatMap(s -> credentials.findByCredentialId(s.credentialId()).stream())
                .filter(c -> c.status() == CredentialStatus.INITIATED)
                .limit(limit)
                .map(c -> new OverdueAuthorization(c.credentialId(), c.connectionId()))
                .toList();
    }

    @Override
    public synchronized int purgeFinished(Instant expiredBefore) {
        List<String> finished = byStateHash.values().stream()
                .filter(s -> s.expiresAt().isBefore(expiredBefore))
                .filter(s -> credentials.findByCredentialId(s.credentialId())
                        .map(c -> c.status() != CredentialStatus.INITIATED).orElse(true))
                .map(PendingAuthorization::stateHash)
                .toList();
        finished.forEach(byStateHash::remove);
        return finished.size();
    }

    /** The authorization, unless its connection is gone (then it is gone too). */
    private Optional<PendingAuthorization> live(String stateHash) {
        PendingAuthorization pending = byStateHash.get(stateHash);
        if (pending != null && credentials.findByCredentialId(pending.credentialId()).isEmpty()) {
            byStateHash.remove(stateHash);
            return Optional.empty();
        }
        return Optional.ofNullable(pending);
    }
}
