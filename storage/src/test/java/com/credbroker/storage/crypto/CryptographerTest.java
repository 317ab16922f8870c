package com.credbroker.storage.crypto;

import static com.credbroker.storage.crypto.CryptoFixtures.BC;
import static com.credbroker.storage.crypto.CryptoFixtures.cryptographer;
import static com.credbroker.storage.crypto.CryptoFixtures.hex;
import static com.credbroker.storage.crypto.CryptoFixtures.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CryptographerTest {
    private static final String AAD = "connection:cred_123";

    // McGrew & Viega, "The Galois/Counter Mode of Operation", AES-256 test cases 15 and 16.
    private static final byte[] KAT_KEY = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    private static final byte[] KAT_IV = hex("cafebabefacedbaddecaf888");
    private static final String KAT_P = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
    private static final String KAT_C = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";

    private final Cryptographer cryptographer = cryptographer(Keyring.of(Map.of(1, randomBytes(32))));

    @Test
    void sealedPayloadOpensToTheSamePlaintext() {
        byte[] plaintext = "access-token-abc".getBytes(StandardCharsets.UTF_8);

        byte[] envelope = cryptographer.seal(plaintext, AAD);

        assertThat(cryptographer.open(envelope, AAD)).isEqualTo(plaintext);
        assertThat(envelope).hasSize(1 + 4 + 12 + plaintext.length + 16);
        assertThat(Cryptographer.termOf(envelope)).isEqualTo(1);
    }

    @Test
    void emptyPayloadRoundTrips() {
        assertThat(cryptographer.open(cryptographer.seal(new byte[0], AAD), AAD)).isEmpty();
    }

    @Test
    void flippingAnyBitOfTheEnvelopeFailsToOpen() {
        byte[] envelope = cryptographer.seal("secret".getBytes(StandardCharsets.UTF_8), AAD);

        for (int bit = 0; bit < envelope.length * 8; bit++) {
            byte[] tampered = envelope.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            int flipped = bit;
            assertThatThrownBy(() -> cryptographer.open(tampered, AAD))
                    .as("bit %d", flipped)
                    .isInstanceOf(DecryptionException.class)
                    .hasMessage("payload could not be decrypted");
        }
    }

    @Test
    void openFailsWhenPayloadMovedToAnotherRow() {
        byte[] envelope = cryptographer.seal("secret".getBytes(StandardCharsets.UTF_8), "connection:cred_A");

        assertThatThrownBy(() -> cryptographer.open(envelope, "connection:cred_B"))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void openFailsOnTruncatedOrEmptyEnvelopes() {
        byte[] envelope = cryptographer.seal("secret".getBytes(StandardCharsets.UTF_8), AAD);

        for (int length = 0; length < envelope.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(envelope, length);
            assertThatThrownBy(() -> cryptographer.open(truncated, AAD)).isInstanceOf(DecryptionException.class);
        }
        assertThatThrownBy(() -> cryptographer.open(null, AAD)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void noncesAreUniqueOverManySeals() {
        Set<ByteBuffer> nonces = new HashSet<>();
        int seals = 20_000;

        for (int i = 0; i < seals; i++) {
            byte[] envelope = cryptographer.seal(new byte[] {1}, AAD);
            nonces.add(ByteBuffer.wrap(envelope, 5, 12).slice());
        }

        assertThat(nonces).hasSize(seals);
    }

    @Test
    void oldTermStillOpensAfterRotationAndNewSealsUseTheNewTerm() {
        byte[] old = cryptographer.seal("before".getBytes(StandardCharsets.UTF_8), AAD);

        cryptographer.install(cryptographer.keyring().withNewTerm(randomBytes(32)));
        byte[] fresh = cryptographer.seal("after".getBytes(StandardCharsets.UTF_8), AAD);

        assertThat(Cryptographer.termOf(old)).isEqualTo(1);
        assertThat(Cryptographer.termOf(fresh)).isEqualTo(2);
        assertThat(cryptographer.open(old, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("before");
        assertThat(cryptographer.open(fresh, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("after");
    }

    @Test
    void openFailsForATermTheKeyringDoesNotHold() {
        byte[] envelope = cryptographer.seal("x".getBytes(StandardCharsets.UTF_8), AAD);
        ByteBuffer.wrap(envelope).putInt(1, 7);

        assertThatThrownBy(() -> cryptographer.open(envelope, AAD)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void unknownNewerTermAsksTheReloaderOnce() {
        Keyring ring = Keyring.of(Map.of(1, randomBytes(32)));
        Keyring rotated = ring.withNewTerm(randomBytes(32));
        byte[] envelope = cryptographer(rotated).seal("x".getBytes(StandardCharsets.UTF_8), AAD);
        int[] calls = {0};
        Cryptographer stale = new Cryptographer(ring, CryptoFixtures.RANDOM, BC, Cryptographer.EncryptionCounter.NONE,
                term -> {
                    calls[0]++;
                    return Optional.of(rotated);
                });

        assertThat(stale.open(envelope, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("x");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void bouncyCastleMatchesPublishedAesGcmVectorWithAad() throws Exception {
        // Test Case 16: 60-byte plaintext, 20-byte AAD.
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BC);
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KAT_KEY, "AES"), new GCMParameterSpec(128, KAT_IV));
        cipher.updateAAD(hex("feedfacedeadbeeffeedfacedeadbeefabaddad2"));

        byte[] out = cipher.doFinal(hex(KAT_P));

        assertThat(out).isEqualTo(hex(KAT_C + "76fc6ece0f4e1768cddf8853bb2d551b"));
    }

    @Test
    void cryptographerEnvelopeMatchesPublishedAesGcmVector() {
        // Test Case 15: 64-byte plaintext, no AAD; the envelope is version | term | IV | C | T.
        Cryptographer fixed = new Cryptographer(Keyring.of(Map.of(1, KAT_KEY)), CryptoFixtures.fixedRandom(KAT_IV), BC);

        byte[] envelope = fixed.seal(hex(KAT_P + "1aafd255"), "");

        assertThat(envelope).isEqualTo(hex("0100000001" + "cafebabefacedbaddecaf888" + KAT_C + "898015ad"
                + "b094dac5d93471bdec1a502270e3cc6c"));
        assertThat(fixed.open(envelope, "")).isEqualTo(hex(KAT_P + "1aafd255"));
    }
}
