package com.credbroker.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.testing.TestCrypto;
import org.junit.jupiter.api.Test;

/** A row seal verifies for exactly the fields and row it was made for, across a key rotation. */
class RowSealsTest {
    private final Cryptographer cryptographer = TestCrypto.cryptographer();

    @Test
    void verifiesOnlyTheSameFieldsOfTheSameRow() {
        byte[] seal = RowSeals.seal(cryptographer, "api_key:key_1", "key_1", "api", "credentials:read", null);

        assertThat(RowSeals.verify(cryptographer, seal, "api_key:key_1", "key_1", "api", "credentials:read", null))
                .isTrue();
        assertThat(RowSeals.verify(cryptographer, seal, "api_key:key_2", "key_1", "api", "credentials:read", null))
                .as("moved to another row").isFalse();
        assertThat(RowSeals.verify(cryptographer, seal, "api_key:key_1", "key_1", "api", "admin", null)).isFalse();
        assertThat(RowSeals.verify(cryptographer, seal, "api_key:key_1", "key_1", "api", "credentials:read", ""))
                .as("null is not the empty string").isFalse();
        assertThat(RowSeals.verify(cryptographer, null, "api_key:key_1", "key_1", "api", "credentials:read", null))
                .as("no seal").isFalse();
    }

    @Test
    void fieldBoundariesAreNotAmbiguous() {
        assertThat(RowSeals.digest("ab", "c")).isNotEqualTo(RowSeals.digest("a", "bc"));
        assertThat(RowSeals.digest("a b")).isNotEqualTo(RowSeals.digest("a", "b"));
    }

    @Test
    void anyFlippedBitFailsAndAnOldTermStillVerifiesAfterRotation() {
        byte[] seal = RowSeals.seal(cryptographer, "api_key:key_1", "key_1", "hub");
        for (int i = 0; i < seal.length; i++) {
            byte[] flipped = seal.clone();
            flipped[i] ^= (byte) (1 << (i % 8));
            assertThat(RowSeals.verify(cryptographer, flipped, "api_key:key_1", "key_1", "hub")).as("byte %d", i)
                    .isFalse();
        }
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));

        assertThat(RowSeals.verify(cryptographer, seal, "api_key:key_1", "key_1", "hub")).isTrue();
        assertThat(Cryptographer.termOf(RowSeals.seal(cryptographer, "api_key:key_1", "key_1", "hub"))).isEqualTo(2);
    }
}
