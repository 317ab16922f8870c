package com.credbroker.broker.authconfig;

import static com.credbroker.storage.authconfig.AuthConfigBuilder.anAuthConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigInUseException;
import com.credbroker.storage.audit.InMemoryAuditLog;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.credential.VersionConflictException;
import com.credbroker.storage.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service's own rules, over a scripted repository: IDs checked first, version retries, 409s. */
class AuthConfigServiceTest {
    private static final String ID = "ac_0123456789abcdefghijklmn";

    private final ScriptedRepository repository = new ScriptedRepository();
    private final MutableClock clock = new MutableClock();
    private final AuthConfigService service = new AuthConfigService(repository, false, clock,
            new SecureRandom(), new AuditService(new InMemoryAuditLog(), clock, Duration.ofSeconds(5)));
    private final Actor actor = Actor.broker();

    /** What the caller is answered for a refusal: the one table in the error mapper. */
    private static ErrorMapper.Problem problem(Throwable refusal) {
        return ErrorMapper.problemOf(refusal).orElseThrow();
    }

    @Test
    void malformedIdsAreNotFoundWithoutAQuery() {
        assertThat(service.find("cred_0123456789abcdefghijklmn")).isEmpty();
        assertThat(service.find(null)).isEmpty();
        assertThatThrownBy(() -> service.get(actor, "ac_' OR 1=1 --")).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(problem(e).status()).isEqualTo(404));
        assertThatThrownBy(() -> service.delete(actor, "x")).isInstanceOf(NotFoundException.class);
        assertThat(repository.queries).isEmpty();
    }

    @Test
    void patchRetriesALostRaceAndGivesUpWithConflict() {
        repository.stored = anAuthConfig().authConfigId(ID).version(1).build();
        repository.conflicts = 2;

        AuthConfig patched = service.patch(actor, ID, request("renamed"), Set.of("app_name"));

        assertThat(patched.appName()).isEqualTo("renamed");
        assertThat(repository.updates).isEqualTo(3);

        repository.conflicts = Integer.MAX_VALUE;
        assertThatThrownBy(() -> service.patch(actor, ID, request("again"), Set.of("app_name")))
                .isInstanceOf(VersionConflictException.class)
                .hasMessage("the auth config is being changed concurrently; retry")
                .satisfies(e -> {
                    assertThat(problem(e).status()).isEqualTo(409);
                    assertThat(problem(e).code()).isEqualTo("conflict");
                });
    }

    @Test
    void deleteInUseIsAConflictNamingTheCountOnly() {
        repository.inUse = 3;

        assertThatThrownBy(() -> service.delete(actor, ID)).satisfies(e -> {
            assertThat(problem(e).status()).isEqualTo(409);
            assertThat(problem(e).code()).isEqualTo("auth_config_in_use");
            assertThat(problem(e).message()).contains("3 connection(s)").doesNotContain(ID);
        });
    }

    @Test
    void createUsesAServerIdAndTheClockAndNeverPrintsTheSecret() {
        AuthConfigRequest request = new AuthConfigRequest("github", "https://x.example/token", null, null,
                "client", "s3cr3t-value", null, List.of("repo"), null, null, null);
        AuthConfig created = service.create(actor, request);

        assertThat(created.authConfigId()).matches("ac_[0-9a-z]{24}");
        assertThat(created.createdAt()).isEqualTo(new MutableClock().instant());
        assertThat(created.clientSecret()).isEqualTo("s3cr3t-value");
        assertThat(created.toString() + request).doesNotContain("s3cr3t-value").contains("[REDACTED]");
    }

    private static AuthConfigRequest request(String appName) {
        return new AuthConfigRequest(appName, null, null, null, null, null, null, null, null, null, null);
    }

    /** Holds one config; loses {@code conflicts} version races before an update succeeds. */
    private static final class ScriptedRepository implements AuthConfigRepository {
        final List<String> queries = new ArrayList<>();
        AuthConfig stored;
        int conflicts;
        int updates;
        long inUse;

        @Override
        public AuthConfig create(AuthConfig config) {
            queries.add("create");
            return config;
        }

        @Override
        public Optional<AuthConfig> find(String authConfigId) {
            queries.add("find " + authConfigId);
            return Optional.ofNullable(stored);
        }

        @Override
        public Page<AuthConfig> list(int limit, String cursor) {
            queries.add("list");
            return new Page<>(List.of(), null);
        }

        @Override
        public Optional<AuthConfig> updateIfVersion(AuthConfig config) {
            updates++;
            if (conflicts-- > 0) {
                return Optional.empty();
            }
            stored = config;
            return Optional.of(config);
        }

        @Override
        public boolean blockRefresh(String authConfigId, long version, String reason) {
            return false;
        }

        @Override
        public boolean delete(String authConfigId) {
            queries.add("delete " + authConfigId);
            if (inUse > 0) {
                throw new AuthConfigInUseException(authConfigId, inUse);
            }
            return stored != null;
        }
    }
}
