package com.credbroker.storage.audit;

/**
 * A stored audit record: the entry, its sequence number and its place in the hash chain.
 * {@code hash = SHA-256(prevHash || canonical(entry, seq))}, hex-encoded.
 */
public record AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {
}
