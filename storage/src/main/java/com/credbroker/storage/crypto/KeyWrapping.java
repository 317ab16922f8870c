package com.credbroker.storage.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Seals data keys and the canary under the master key. The envelope format stays in
 * {@link Cryptographer}: this is a Cryptographer over a one-term keyring holding the master key
 * (term 0), with AADs that bind each sealed value to its purpose and term.
 */
final class KeyWrapping {
    private static final int MASTER_TERM = 0;
    private static final byte[] CANARY = "credbroker keyring canary v1".getBytes(StandardCharsets.US_ASCII);
    private static final String CANARY_AAD = "keyring:canary";

    private final Cryptographer sealer;
    private final Optional<PassphraseKdf> masterKdf;

    KeyWrapping(MasterKey masterKey, SecureRandom random, Provider provider) {
        this.masterKdf = masterKey.kdf();
        byte[] raw = masterKey.bytes();
        try {
            this.sealer = new Cryptographer(Keyring.of(Map.of(MASTER_TERM, raw)), random, provider);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** How the master key was derived, if from a passphrase (stored in the keyring). */
    Optional<PassphraseKdf> masterKdf() {
        return masterKdf;
    }

    static String termAad(int term) {
        return "keyring:term:" + term;
    }

    byte[] wrap(int term, byte[] dataKey) {
        return sealer.seal(dataKey, termAad(term));
    }

    /** @throws WrongMasterKeyException when the wrapped key does not open under this master key */
    byte[] unwrap(WrappedTerm term) {
        try {
            return sealer.open(term.wrappedKey(), termAad(term.term()));
        } catch (DecryptionException e) {
            throw new WrongMasterKeyException();
        }
    }

    byte[] sealCanary() {
        return sealer.seal(CANARY, CANARY_AAD);
    }

    boolean canaryMatches(byte[] sealedCanary) {
        try {
            return MessageDigest.isEqual(CANARY, sealer.open(sealedCanary, CANARY_AAD));
        } catch (DecryptionException e) {
            return false;
        }
    }
}
