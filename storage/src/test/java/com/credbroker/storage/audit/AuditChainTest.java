package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private final AuditEntry entry = new AuditEntry(Instant.parse("2025-11-15T10:30:00Z"), "key_1",
            "credential.read", "conn-1", "success", "req-1");

    @Test
    void hashIsDeterministicHexOf32Bytes() {
        String hash = new AuditChain().hash(AuditChain.GENESIS, 1, entry);
        assertThat(hash).hasSize(64).matches("[0-9a-f]+").isEqualTo(new AuditChain().hash(AuditChain.GENESIS, 1, entry));
    }

    @Test
    void hashDependsOnSeqPrevHashAndEveryField() {
        AuditChain chain = new AuditChain();
        String base = chain.hash(AuditChain.GENESIS, 1, entry);
        assertThat(chain.hash(AuditChain.GENESIS, 2, entry)).isNotEqualTo(base);
        assertThat(chain.hash("1" + "0".repeat(63), 1, entry)).isNotEqualTo(base);
        assertThat(chain.hash(AuditChain.GENESIS, 1, new AuditEntry(entry.at(), "key_1", "credential.read",
                "conn-1", "success", null))).isNotEqualTo(base);
    }

    @Test
    void canonicalEncodingSeparatesFields() {
        AuditEntry a = new AuditEntry(entry.at(), "ab", "c", null, "ok", null);
        AuditEntry b = new AuditEntry(entry.at(), "a", "bc", null, "ok", null);
        assertThat(AuditChain.canonical(1, a)).isNotEqualTo(AuditChain.canonical(1, b));
    }

    @Test
    void aRecordWithoutATargetHashesAsBeforeTargetsExistedAndATargetChangesTheHash() {
        AuditChain chain = new AuditChain();
        // the hash of this entry as computed before the target field existed (keeps old trails verifiable)
        assertThat(chain.hash(AuditChain.GENESIS, 1, entry))
                .isEqualTo(chain.hash(AuditChain.GENESIS, 1, new AuditEntry(entry.at(), "key_1", "credential.read",
                        "conn-1", "success", "req-1", null, null)));
        assertThat(AuditChain.canonical(1, entry.withTarget("key_abc")))
                .startsWith(AuditChain.canonical(1, entry))
                .isNotEqualTo(AuditChain.canonical(1, entry.withTarget("key_abd")));
    }
}
