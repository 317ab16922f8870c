package com.credbroker.broker.apikey;

import com.credbroker.broker.auth.Scope;
import com.credbroker.broker.auth.Caller;
import com.credbroker.broker.auth.AdminKeyBootstrap;
import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.domain.ValidationException;
import com.credbroker.broker.http.Ids;
import com.credbroker.storage.apikey.ApiKey;
import com.credbroker.storage.apikey.ApiKeyRepository;
import com.credbroker.storage.apikey.KeyKind;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, lists, revokes and checks API keys. Verified keys are cached by secret hash for a second,
 * so a revocation elsewhere takes effect within that second; a revocation here takes effect at once,
 * and on several nodes every node forgets its verified keys when a change is announced.
 */
public final class ApiKeyService {
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(1);

    private final ApiKeyRepository repository;
    private final Clock clock;
    private final SecureRandom random;
    private final Cache<String, Optional<Verified>> byHash;
    private final AuditService audit;

    /** A key as verified once: the caller it stands for is built once, not per request. */
    private record Verified(ApiKey key, Caller caller) {
    }

    /** Without an audit trail: for operator commands, which audit through the storage they open. */
    public ApiKeyService(ApiKeyRepository repository, Clock clock, SecureRandom random) {
        this(repository, clock, random, null);
    }

    /** With the audit trail the audited operations ({@code Actor} first) record to. */
    public ApiKeyService(ApiKeyRepository repository, Clock clock, SecureRandom random, AuditService audit) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.byHash = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(KEY_CACHE_TTL).build();
    }

    /** A newly created key and its secret, which is never available again. */
    public record CreatedKey(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "CreatedKey[" + key + ", secret=[REDACTED]]";
        }
    }

    /**
     * Creates a key without an audit record. Public for the {@code keys} CLI command, which records the
     * operator's action itself ({@code OperatorAudit}); requests use {@link #create(Actor, KeyKind, String, Set)}.
     */
    public CreatedKey create(KeyKind kind, String name, Set<Scope> scopes) {
        if (AdminKeyBootstrap.NAME.equals(name)) {
            throw new ValidationException("name: \"" + AdminKeyBootstrap.NAME + "\" is reserved for CREDBROKER_ADMIN_KEY");
        }
        String secret = KeySecrets.newSecret(random);
        ApiKey key = new ApiKey(Ids.newId(random, "key"), kind, name, wireNames(scopes),
                KeySecrets.hash(secret), clock.instant(), null);
        repository.insert(key);
        return new CreatedKey(key, secret);
    }

    /** Creates a key for {@code actor}; the record names the new key ({@code key.create}, target its ID). */
    public CreatedKey create(Actor actor, KeyKind kind, String name, Set<Scope> scopes) {
        CreatedKey created = create(kind, name, scopes);
        audit.record(AuditAction.KEY_CREATE, actor, null, created.key().id(), "success");
        return created;
    }

    /** Revokes a key for {@code actor} ({@code key.revoke}, target its ID). */
    public void revoke(Actor actor, String id) {
        revoke(id);
        audit.record(AuditAction.KEY_REVOKE, actor, null, id, "success");
    }

    /** Every key, revoked ones too; not audited (listing keys is not an audited action). */
    public List<ApiKey> list() {
        return repository.list();
    }

    /** One key, or 404; not audited (reading a key's metadata is not an audited action). */
    public ApiKey get(String id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundException("api key"));
    }

    /**
     * Revokes a key without an audit record. Public for the {@code keys} CLI command, which records the
     * operator's action itself ({@code OperatorAudit}); requests use {@link #revoke(Actor, String)}.
     */
    public void revoke(String id) {
        if (!repository.revoke(id, clock.instant())) {
            throw new NotFoundException("api key");
        }
        forgetVerifiedKeys();
    }

    /** Drops every verified key, so the next request of each is checked against the database. */
    public void forgetVerifiedKeys() {
        byHash.invalidateAll();
    }

    /** The caller for a presented secret in a given header kind, or empty when it is not valid there. */
    public Optional<Caller> authenticate(KeyKind presentedIn, String secret) {
        return verified(secret).filter(v -> v.key().kind() == presentedIn).map(Verified::caller);
    }

    /** The verified key of a secret (cached: a flood of bad keys costs one query per secret and second). */
    private Optional<Verified> verified(String secret) {
        byte[] hash = KeySecrets.hash(secret);
        Optional<Verified> verified = byHash.get(new String(hash, StandardCharsets.ISO_8859_1),
                h -> repository.findBySecretHash(hash).filter(k -> !k.revoked())
                        .map(k -> new Verified(k, new Caller(k.id(), k.kind(), scopesOf(k)))));
        return verified.filter(v -> MessageDigest.isEqual(v.key().secretHash(), hash));
    }

    /**
     * The kind of a valid (unrevoked) key with this secret, whatever header it came in: only asked after
     * {@link #authenticate} refused it, to tell the caller which header its kind belongs to.
     */
    public Optional<KeyKind> validKindOf(String secret) {
        return verified(secret).map(v -> v.key().kind());
    }

    public static Set<String> wireNames(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static Set<Scope> scopesOf(ApiKey key) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        key.scopes().forEach(name -> Scope.fromWireName(name).ifPresent(scopes::add));
        return scopes;
    }
}
