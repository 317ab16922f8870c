package com.credbroker.broker.keyring;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;

/** The keyring as the API offers it: its terms, and an audited rotation. Thread-safe. */
public final class KeyringService {
    private final KeyringOperations keyring;
    private final AuditService audit;

    public KeyringService(KeyringOperations keyring, AuditService audit) {
        this.keyring = keyring;
        this.audit = audit;
    }

    /** The active term and the payloads still sealed under an older one. */
    public Terms terms() {
        return new Terms(keyring.activeTerm(), keyring.pendingRewrap());
    }

    /** Adds a new term (the background rewrap starts) and records it ({@code keyring.rotate}). */
    public Terms rotate(Actor actor) {
        int term = keyring.rotate();
        audit.record(AuditAction.KEYRING_ROTATE, actor, null, "success");
        return new Terms(term, keyring.pendingRewrap());
    }

    /** The keyring's terms as reported. */
    public record Terms(int activeTerm, long pendingRewrap) {
    }
}
