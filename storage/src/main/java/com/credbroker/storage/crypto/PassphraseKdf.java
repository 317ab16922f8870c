package com.credbroker.storage.crypto;

import com.credbroker.config.Secret;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id parameters and salt that stretch a passphrase into a {@link MasterKey}. Not secret: the
 * keyring stores them so the same passphrase yields the same key on every start. Immutable.
 *
 * @param salt        random salt, at least 16 bytes
 * @param memoryKib   memory cost in KiB (default 64 MiB)
 * @param iterations  time cost (default 3)
 * @param parallelism lanes (default 1)
 */
public record PassphraseKdf(byte[] salt, int memoryKib, int iterations, int parallelism) {
    public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
    public static final int DEFAULT_ITERATIONS = 3;
    public static final int DEFAULT_PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final String PREFIX = "argon2id;v=19;";

    public PassphraseKdf {
        if (salt == null || salt.length < SALT_BYTES) {
            throw new IllegalArgumentException("the Argon2id salt must be at least " + SALT_BYTES + " bytes");
        }
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2id parameters");
        }
        salt = salt.clone();
    }

    /** Default parameters with a fresh random salt. */
    public static PassphraseKdf generate(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PassphraseKdf(salt, DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** The cost parameters as stored in the keyring, e.g. {@code argon2id;v=19;m=65536;t=3;p=1}. */
    public String parameters() {
        return PREFIX + "m=" + memoryKib + ";t=" + iterations + ";p=" + parallelism;
    }

    /** Reverses {@link #parameters()}. */
    public static PassphraseKdf parse(byte[] salt, String parameters) {
        if (parameters == null || !parameters.startsWith(PREFIX)) {
            throw new IllegalArgumentException("unsupported key derivation parameters in the keyring");
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String part : parameters.substring(PREFIX.length()).split(";")) {
            String[] kv = part.split("=", 2);
            int value = kv.length == 2 ? Integer.parseInt(kv[1]) : 0;
            switch (kv[0]) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> throw new IllegalArgumentException("unknown key derivation parameter in the keyring");
            }
        }
        return new PassphraseKdf(salt, m, t, p);
    }

    /** Stretches the passphrase into a master key that remembers these parameters. */
    public MasterKey derive(Secret passphrase) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] secret = passphrase.revealBytes();
        byte[] key = new byte[MasterKey.BYTES];
        try {
            generator.generateBytes(secret, key);
            return MasterKey.derived(key, this);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PassphraseKdf that && Arrays.equals(salt, that.salt)
                && memoryKib == that.memoryKib && iterations == that.iterations && parallelism == that.parallelism;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt) * 31 + parameters().hashCode();
    }

    @Override
    public String toString() {
        return "PassphraseKdf[" + parameters() + ";salt=" + Base64.getEncoder().encodeToString(salt) + "]";
    }
}
