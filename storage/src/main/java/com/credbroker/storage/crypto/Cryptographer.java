package com.credbroker.storage.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The encryption layer: above it plaintext, below it ciphertext. This is the one class that knows
 * the envelope format:
 *
 * <pre>version (1 byte = 1) | key term (4 bytes, big-endian) | nonce (12 random bytes) | ciphertext+tag (16)</pre>
 *
 * The additional authenticated data binds a payload to its row and purpose
 * (e.g. {@code connection:cred_…}); a payload copied elsewhere fails to open.
 */
public final class Cryptographer {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + 4 + NONCE_BYTES;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final AtomicReference<Keyring> keyring;
    private final SecureRandom random;
    private final Provider provider;
    private final EncryptionCounter counter;
    private final TermReloader reloader;
    private final TamperedRows tamperedRows = new TamperedRows();

    /**
     * @param reloader asked, at most once per {@link #open}, for a fresh keyring when an envelope names
     *                 a term newer than the newest known one (another node rotated)
     */
    public Cryptographer(Keyring keyring, SecureRandom random, Provider provider, EncryptionCounter counter,
                         TermReloader reloader) {
        this.keyring = new AtomicReference<>(keyring);
        this.random = random;
        this.provider = provider;
        this.counter = counter;
        this.reloader = reloader;
    }

    public Cryptographer(Keyring keyring, SecureRandom random, Provider provider, EncryptionCounter counter) {
        this(keyring, random, provider, counter, TermReloader.NONE);
    }

    /** For tests and tools: no encryption counting. */
    public Cryptographer(Keyring keyring, SecureRandom random, Provider provider) {
        this(keyring, random, provider, EncryptionCounter.NONE);
    }

    public Keyring keyring() {
        return keyring.get();
    }

    /** Where the users of this cryptographer report rows that fail their authentication (log and count). */
    public TamperedRows tamperedRows() {
        return tamperedRows;
    }

    /** Swaps in a rotated keyring; subsequent seals use its active term. */
    public void install(Keyring rotated) {
        keyring.set(rotated);
    }

    public byte[] seal(byte[] plaintext, String aad) {
        Keyring ring = keyring.get();
        int term = ring.activeTerm();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.ENCRYPT_MODE, ring.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            counter.encrypted(term);
            return ByteBuffer.allocate(HEADER_BYTES + sealed.length)
                    .put(VERSION).putInt(term).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] open(byte[] envelope, String aad) {
        if (envelope == null || envelope.length < HEADER_BYTES + TAG_BITS / 8 || envelope[0] != VERSION) {
            throw new DecryptionException();
        }
        SecretKey key = keyFor(termOf(envelope));
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, envelope, 5, NONCE_BYTES));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(envelope, HEADER_BYTES, envelope.length - HEADER_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DecryptionException();
        }
    }

    private SecretKey keyFor(int term) {
        Keyring ring = keyring.get();
        if (!ring.hasTerm(term) && term > ring.activeTerm()) {
            ring = reloader.reload(term).orElse(ring);
        }
        return ring.key(term);
    }

    /** The key term an envelope was sealed under (for rewrap bookkeeping). */
    public static int termOf(byte[] envelope) {
        if (envelope == null || envelope.length < HEADER_BYTES) {
            throw new DecryptionException();
        }
        return ByteBuffer.wrap(envelope, 1, 4).getInt();
    }

    /** Told of every encryption, so a term can be rotated before it nears the random-nonce limit. */
    @FunctionalInterface
    public interface EncryptionCounter {
        EncryptionCounter NONE = term -> { };

        void encrypted(int term);
    }

    /** Re-reads the keyring when a payload names a term this node has not seen yet. */
    @FunctionalInterface
    public interface TermReloader {
        TermReloader NONE = term -> Optional.empty();

        /** The reloaded (and installed) keyring, or empty when nothing newer could be loaded. */
        Optional<Keyring> reload(int unknownTerm);
    }
}
