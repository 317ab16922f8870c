package com.credbroker.storage.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyring facade the composition root uses: proves the master key, opens (or creates) the
 * keyring into a ready {@link Cryptographer}, rotates data keys (manually, on a schedule, or when a
 * term reaches its encryption limit — all through {@link #rotate()}) and rotates the master key.
 *
 * <p>Thread-safe: state changes are serialised on this instance; sealing never waits for it except
 * when it triggers an automatic rotation. Nothing here logs or throws key material.
 */
public final class KeyringService implements AutoCloseable {
    /** Below GCM's 2^32 bound for random 96-bit nonces under one key, with room to spare. */
    public static final long DEFAULT_MAX_ENCRYPTIONS_PER_TERM = 1L << 31;
    private static final Logger LOG = LoggerFactory.getLogger(KeyringService.class);
    private static final Duration RELOAD_BACKOFF = Duration.ofSeconds(1);
    private static final int DATA_KEY_BYTES = 32;

    private final KeyringRepository repository;
    private final Provider provider;
    private final SecureRandom random;
    private final Clock clock;
    private final EncryptionTally tally;
    private volatile KeyWrapping wrapping;
    private volatile Cryptographer cryptographer;
    private Instant lastReload = Instant.EPOCH;

    public KeyringService(KeyringRepository repository, MasterKey masterKey, Provider provider, SecureRandom random,
                          Clock clock, long maxEncryptionsPerTerm) {
        this.repository = repository;
        this.provider = provider;
        this.random = random;
        this.clock = clock;
        this.wrapping = new KeyWrapping(masterKey, random, provider);
        this.tally = new EncryptionTally(maxEncryptionsPerTerm, this::onTermLimit);
    }

    /** {@link #verifyMasterKey(KeyringRepository)} on this service's own repository. */
    public KeyringState verifyMasterKey() {
        return verifyMasterKey(repository);
    }

    /**
     * Proves the master key against the stored canary with SELECTs only, so it can run on a read-only
     * connection before migrations: a wrong key changes nothing in the database.
     *
     * @throws WrongMasterKeyException when the key does not open the canary
     */
    public KeyringState verifyMasterKey(KeyringRepository readOnly) {
        Optional<KeyringMeta> meta = readOnly.findMeta();
        if (meta.isEmpty()) {
            return KeyringState.UNINITIALISED;
        }
        if (!wrapping.canaryMatches(meta.get().canary())) {
            throw new WrongMasterKeyException();
        }
        return KeyringState.VERIFIED;
    }

    /**
     * Opens the keyring, creating it (term 1 and the canary) on first start. Idempotent.
     *
     * @throws WrongMasterKeyException when the master key does not match the stored keyring
     */
    public synchronized Cryptographer open() {
        if (cryptographer != null) {
            return cryptographer;
        }
        Keyring ring;
        try {
            ring = repository.findMeta().map(this::load).orElseGet(this::initialise);
        } catch (KeyringConflictException e) {
            LOG.info("another process initialised the keyring first; loading it");
            ring = load(repository.findMeta().orElseThrow(() -> e));
        }
        cryptographer = new Cryptographer(ring, random, provider, tally, this::reload);
        LOG.info("keyring open: {}", ring);
        return cryptographer;
    }

    public boolean isOpen() {
        return cryptographer != null;
    }

    /** The live cryptographer. @throws IllegalStateException before {@link #open()} */
    public Cryptographer cryptographer() {
        Cryptographer live = cryptographer;
        if (live == null) {
            throw new IllegalStateException("the keyring is not open");
        }
        return live;
    }

    /**
     * Adds a term with a fresh random data key and makes it active for new seals; older terms stay
     * readable. If another node added the same term first, adopts that one instead. Returns the
     * active term.
     */
    public synchronized int rotate() {
        Cryptographer live = cryptographer();
        int next = live.keyring().activeTerm() + 1;
        byte[] dataKey = newDataKey();
        try {
            repository.insertTerm(new WrappedTerm(next, wrapping.wrap(next, dataKey), clock.instant(), 0));
            live.install(live.keyring().withNewTerm(dataKey));
            LOG.info("rotated the data key: term {} is active", next);
            return next;
        } catch (KeyringConflictException e) {
            LOG.info("term {} was added by another node; reloading the keyring", next);
            return reloadNow().activeTerm();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Writes the encryption counts gathered since the last flush (one UPDATE per term, not per
     * encryption) and rotates if the active term has reached its limit. Call periodically and at shutdown.
     */
    public void flushEncryptionCounts() {
        Map<Integer, Long> deltas = tally.drain();
        try {
            repository.addEncryptions(deltas);
        } catch (RuntimeException e) {
            tally.restore(deltas);
            throw e;
        }
        Cryptographer live = cryptographer;
        if (live != null && tally.reachedLimit(live.keyring().activeTerm())) {
            rotateIfActive(live.keyring().activeTerm());
        }
    }

    /** Encryptions counted under a term (persisted plus not yet flushed), for metrics and tests. */
    public long encryptions(int term) {
        return tally.total(term);
    }

    /**
     * Rewraps every data key and the canary under {@code newMasterKey} in one transaction. Payloads
     * are untouched. After this only {@code newMasterKey} opens the keyring.
     *
     * @throws WrongMasterKeyException when the current master key does not match the stored keyring
     */
    public synchronized void rotateMasterKey(MasterKey newMasterKey) {
        KeyringMeta meta = repository.findMeta()
                .orElseThrow(() -> new IllegalStateException("the keyring is not initialised"));
        if (!wrapping.canaryMatches(meta.canary())) {
            throw new WrongMasterKeyException();
        }
        KeyWrapping next = new KeyWrapping(newMasterKey, random, provider);
        List<WrappedTerm> rewrapped = new ArrayList<>();
        for (WrappedTerm term : repository.findTerms()) {
            byte[] dataKey = wrapping.unwrap(term);
            try {
                rewrapped.add(new WrappedTerm(term.term(), next.wrap(term.term(), dataKey), term.createdAt(),
                        term.encryptions()));
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
        repository.replaceWrapping(new KeyringMeta(next.sealCanary(), newMasterKey.kdf()), rewrapped, clock.instant());
        wrapping = next;
        LOG.info("rotated the master key: rewrapped {} keyring term(s)", rewrapped.size());
    }

    /** Flushes the encryption counts; failures are logged, not thrown. */
    @Override
    public void close() {
        try {
            flushEncryptionCounts();
        } catch (RuntimeException e) {
            LOG.warn("could not record keyring encryption counts at shutdown", e);
        }
    }

    private Keyring load(KeyringMeta meta) {
        if (!wrapping.canaryMatches(meta.canary())) {
            throw new WrongMasterKeyException();
        }
        List<WrappedTerm> terms = repository.findTerms();
        tally.loadPersisted(terms);
        return unwrapAll(terms);
    }

    private Keyring unwrapAll(List<WrappedTerm> terms) {
        if (terms.isEmpty()) {
            throw new IllegalStateException("the keyring has a canary but no key terms");
        }
        Map<Integer, byte[]> raw = new HashMap<>();
        try {
            terms.forEach(t -> raw.put(t.term(), wrapping.unwrap(t)));
            return Keyring.of(raw);
        } finally {
            raw.values().forEach(k -> Arrays.fill(k, (byte) 0));
        }
    }

    private Keyring initialise() {
        byte[] dataKey = newDataKey();
        try {
            Instant now = clock.instant();
            WrappedTerm first = new WrappedTerm(1, wrapping.wrap(1, dataKey), now, 0);
            repository.initialise(new KeyringMeta(wrapping.sealCanary(), masterKdf()), first, now);
            LOG.info("created a new keyring with term 1");
            return Keyring.of(Map.of(1, dataKey));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private Optional<PassphraseKdf> masterKdf() {
        return wrapping.masterKdf();
    }

    private synchronized Optional<Keyring> reload(int unknownTerm) {
        Keyring current = cryptographer().keyring();
        if (current.hasTerm(unknownTerm)) {
            return Optional.of(current); // a concurrent reload already found it
        }
        Instant now = clock.instant();
        if (now.isBefore(lastReload.plus(RELOAD_BACKOFF))) {
            return Optional.empty(); // forged or corrupt terms must not turn every read into a query
        }
        lastReload = now;
        return Optional.of(reloadNow());
    }

    private synchronized Keyring reloadNow() {
        List<WrappedTerm> terms = repository.findTerms();
        tally.loadPersisted(terms);
        Keyring ring = unwrapAll(terms);
        cryptographer().install(ring);
        LOG.info("reloaded the keyring: {}", ring);
        return ring;
    }

    private void onTermLimit(int term) {
        try {
            rotateIfActive(term);
        } catch (RuntimeException e) {
            LOG.warn("automatic rotation of key term {} failed; it is retried at the next count flush", term, e);
        }
    }

    private synchronized void rotateIfActive(int term) {
        Cryptographer live = cryptographer;
        if (live != null && live.keyring().activeTerm() == term) {
            LOG.info("key term {} reached its encryption limit; rotating", term);
            rotate();
        }
    }

    private byte[] newDataKey() {
        byte[] key = new byte[DATA_KEY_BYTES];
        random.nextBytes(key);
        return key;
    }
}
