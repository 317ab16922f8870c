package com.credbroker.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.auth.Caller;
import com.credbroker.broker.auth.Scope;
import com.credbroker.broker.domain.AuditUnavailableException;
import com.credbroker.broker.domain.ConflictException;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.domain.RefreshRefusedException;
import com.credbroker.broker.domain.ScopeDeniedException;
import com.credbroker.broker.domain.ValidationException;
import com.credbroker.broker.http.ErrorMapper.Problem;
import com.credbroker.refresh.connectioncheck.CheckRefusedException;
import com.credbroker.storage.apikey.KeyKind;
import com.credbroker.storage.authconfig.AuthConfigInUseException;
import com.credbroker.storage.credential.InvalidCredentialException;
import com.credbroker.storage.db.InvalidCursorException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one table from domain refusals to status, code and headers (issue 15 item 1). */
class ErrorMapperTest {

    private static Problem problem(Throwable refusal) {
        return ErrorMapper.problemOf(refusal).orElseThrow();
    }

    @Test
    void brokerRefusalsKeepTheStatusesCodesAndMessagesTheApiAnswered() {
        assertThat(problem(new NotFoundException("connection")))
                .isEqualTo(new Problem(404, "not_found", "connection not found", Map.of()));
        assertThat(problem(ConflictException.concurrentChange("credential"))).isEqualTo(new Problem(409, "conflict",
                "the credential is being changed concurrently; retry", Map.of()));
        assertThat(problem(new ValidationException("auth_config_id is required")))
                .isEqualTo(new Problem(422, "validation_failed", "auth_config_id is required", Map.of()));
        assertThat(problem(new AuditUnavailableException())).isEqualTo(new Problem(503, "audit_unavailable",
                "the audit trail cannot be written; try again later", Map.of("Retry-After", "1")));
    }

    @Test
    void aDeniedScopeIsA403NamingTheScopesAccepted() {
        Caller caller = new Caller("key_x", KeyKind.API, Set.of(Scope.CREDENTIALS_WRITE));

        Problem denied = problem(new ScopeDeniedException(caller, Scope.CREDENTIALS_READ,
                Scope.CREDENTIALS_READ_METADATA));

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("forbidden");
        assertThat(denied.message()).endsWith("it needs credentials:read or credentials:read_metadata");
    }

    @Test
    void aForcedRefreshWithoutNewTokensIsNeverA2xxAndNamesItsOutcome() {
        assertThat(problem(new RefreshRefusedException.NotRefreshable("not_refreshable")))
                .extracting(Problem::status, Problem::code).containsExactly(409, "not_refreshable");
        assertThat(problem(new RefreshRefusedException.BackingOff("backing_off", "wait", 7)).headers())
                .isEqualTo(Map.of("X-Refresh-Outcome", "backing_off", "Retry-After", "7"));
        Problem rejected = problem(new RefreshRefusedException.Rejected("invalid_grant", "refused"));
        assertThat(rejected).extracting(Problem::status, Problem::code).containsExactly(409, "refresh_rejected");
        assertThat(rejected.message()).isEqualTo("refresh outcome invalid_grant: refused");
        assertThat(rejected.headers()).isEqualTo(Map.of("X-Refresh-Outcome", "invalid_grant"));
        Problem unavailable = problem(new RefreshRefusedException.Unavailable("transient", "failed", 3));
        assertThat(unavailable).extracting(Problem::status, Problem::code).containsExactly(503, "refresh_unavailable");
        assertThat(unavailable.headers()).containsEntry("Retry-After", "3").containsEntry("X-Refresh-Outcome", "transient");
    }

    @Test
    void storageAndRefreshRulesAreMappedHereNotInTheServices() {
        assertThat(problem(new InvalidCredentialException("an ACTIVE OAUTH2 record needs an access_token")))
                .isEqualTo(new Problem(422, "validation_failed", "an ACTIVE OAUTH2 record needs an access_token",
                        Map.of()));
        assertThat(problem(new AuthConfigInUseException("ac_x", 3)).message()).contains("3 connection(s)")
                .doesNotContain("ac_x");
        assertThat(problem(new CheckRefusedException("not_testable", "no"))).extracting(Problem::status)
                .isEqualTo(409);
        assertThat(problem(new CheckRefusedException("no_test_request_endpoint", "no"))).extracting(Problem::status)
                .isEqualTo(422);
        assertThat(problem(new InvalidCursorException())).extracting(Problem::status, Problem::code)
                .containsExactly(400, "bad_request");
    }

    @Test
    void ourOwnFailuresAreNotRefusalsAndAuditAsError() {
        assertThat(ErrorMapper.problemOf(new IllegalStateException("boom"))).isEmpty();
        assertThat(ErrorMapper.outcomeOf(new IllegalStateException("boom"))).isEqualTo("error");
        assertThat(ErrorMapper.outcomeOf(new NotFoundException("credential"))).isEqualTo("not_found");
        assertThat(ErrorMapper.outcomeOf(ApiException.badRequest("x"))).isEqualTo("bad_request");
    }
}
