package com.credbroker.broker.auth;

import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.apikey.KeySecrets;
import com.credbroker.broker.http.Ids;
import com.credbroker.storage.apikey.ApiKey;
import com.credbroker.storage.apikey.ApiKeyRepository;
import com.credbroker.storage.apikey.KeyKind;
import com.credbroker.storage.db.StorageException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@code CREDBROKER_ADMIN_KEY} at start as an all-scope {@code api} key named
 * {@value #NAME}, and revokes the key an earlier value registered: changing the setting replaces the key.
 *
 * <p>Idempotent across nodes that start together with the same value: when two find it absent and both
 * insert, the one whose insert loses the race on the unique secret hash reads the winner's row instead
 * of failing. A value whose key was revoked is not revived (and then nothing else is revoked either).
 */
public final class AdminKeyBootstrap {
    /** The name of the key the setting registers; reserved, so no other key is revoked in its place. */
    public static final String NAME = "bootstrap-admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeyRepository repository;
    private final Clock clock;
    private final SecureRandom random;

    /** What a start did: the setting's key, whether this start inserted it, and the keys it revoked. */
    public record Outcome(ApiKey key, boolean registered, List<ApiKey> revoked) {
    }

    public AdminKeyBootstrap(ApiKeyRepository repository, Clock clock, SecureRandom random) {
        this.repository = repository;
        this.clock = clock;
        this.random = random;
    }

    /** Registers {@code secret} unless it is known, then revokes every other live {@value #NAME} key. */
    public Outcome register(String secret) {
        byte[] hash = KeySecrets.hash(secret);
        Optional<ApiKey> known = repository.findBySecretHash(hash);
        ApiKey key;
        boolean registered = false;
        if (known.isPresent()) {
            key = known.get();
        } else {
            ApiKey candidate = new ApiKey(Ids.newId(random, "key"), KeyKind.API, NAME,
                    ApiKeyService.wireNames(EnumSet.allOf(Scope.class)), hash, clock.instant(), null);
            key = insertOrAdopt(candidate);
            registered = key == candidate;
        }
        if (key.revoked()) {
            LOG.warn("CREDBROKER_ADMIN_KEY is the secret of revoked key {}: it is not accepted and no other key is"
                    + " revoked; set a new value (make one with `openssl rand -base64 32`)", key.id());
            return new Outcome(key, false, List.of());
        }
        List<ApiKey> revoked = repository.list().stream()
                .filter(other -> NAME.equals(other.name()) && !other.revoked() && !other.id().equals(key.id()))
                .filter(other -> repository.revoke(other.id(), clock.instant()))
                .toList();
        return new Outcome(key, registered, revoked);
    }

    /**
     * Inserts {@code candidate}, or returns the row of another node that inserted the same secret between
     * this node's lookup and insert (the unique secret hash refused this one). Any other failure is thrown.
     */
    private ApiKey insertOrAdopt(ApiKey candidate) {
        try {
            repository.insert(candidate);
            return candidate;
        } catch (StorageException e) {
            ApiKey winner = repository.findBySecretHash(candidate.secretHash()).orElseThrow(() -> e);
            LOG.info("another node registered CREDBROKER_ADMIN_KEY at the same time; using its key {}", winner.id());
            return winner;
        }
    }
}
