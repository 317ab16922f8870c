package com.credbroker.broker.connectioncheck;

import com.credbroker.broker.credential.CredentialService;
import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.refresh.connectioncheck.ConnectionChecker;
import com.credbroker.refresh.connectioncheck.CheckOutcome;
import com.credbroker.refresh.connectioncheck.CheckRefusedException;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.connectioncheck.ConnectionCheckRepository;
import com.credbroker.storage.connectioncheck.CheckResult;
import com.credbroker.storage.connectioncheck.CheckVerdict;
import java.util.Optional;

/**
 * Connection health: runs a connection's test ({@link ConnectionChecker}) and records the verdict, and
 * answers what is known now. The status of the record comes first: a disabled connection is
 * {@code unknown} (never tested), an INITIATED one {@code unknown} ({@code authorization_pending}), an
 * EXPIRED one {@code unhealthy} with its status reason; an ACTIVE one has its last test's verdict, or
 * {@code unknown} ({@code never_tested}). Thread-safe.
 */
public final class ConnectionCheckService {
    private final CredentialService credentials;
    private final ConnectionCheckRepository repository;
    private final ConnectionChecker checker;
    private final AuditService audit;
    private final BrokerMetrics metrics;

    public ConnectionCheckService(CredentialService credentials, ConnectionCheckRepository repository,
            ConnectionChecker checker, AuditService audit, BrokerMetrics metrics) {
        this.credentials = credentials;
        this.audit = audit;
        this.metrics = metrics;
        this.repository = repository;
        this.checker = checker;
    }

    /** What is known now, for {@code actor} ({@code credential.health}, outcome the health status). */
    public ConnectionHealthResponse health(Actor actor, String credentialId) {
        ConnectionHealthResponse health = audit.audited(AuditAction.CREDENTIAL_HEALTH, actor, null, null,
                () -> health(credentialId));
        audit.record(AuditAction.CREDENTIAL_HEALTH, actor, health.connectionId(), health.status());
        return health;
    }

    /**
     * Tests now for {@code actor} ({@code credential.test}, outcome the verdict); counted by result
     * ({@code refused} when the test was not attempted, {@code error} when it failed on our side).
     */
    public ConnectionHealthResponse test(Actor actor, String credentialId) {
        ConnectionHealthResponse tested;
        try {
            tested = audit.audited(AuditAction.CREDENTIAL_TEST, actor, null, null, () -> test(credentialId));
        } catch (RuntimeException e) {
            metrics.connectionTest("error".equals(ErrorMapper.outcomeOf(e)) ? "error" : "refused");
            throw e;
        }
        metrics.connectionTest(tested.status());
        audit.record(AuditAction.CREDENTIAL_TEST, actor, tested.connectionId(), tested.status());
        return tested;
    }

    private ConnectionHealthResponse health(String credentialId) {
        Credential credential = credentials.get(credentialId);
        Optional<CheckResult> last = repository.find(credential.credentialId());
        String checkedAt = last.map(c -> CredentialViews.timestamp(c.checkedAt())).orElse(null);
        Integer httpStatus = last.map(CheckResult::httpStatus).orElse(null);
        if (credential.disabled()) {
            return response(credential, CheckVerdict.UNKNOWN, "connection_disabled: a disabled connection is not"
                    + " tested", checkedAt, httpStatus, false);
        }
        if (credential.status() == CredentialStatus.INITIATED) {
            return response(credential, CheckVerdict.UNKNOWN, "authorization_pending: the connect flow has not"
                    + " completed", checkedAt, httpStatus, false);
        }
        if (credential.status() == CredentialStatus.EXPIRED) {
            return response(credential, CheckVerdict.UNHEALTHY, "connection_expired"
                    + (credential.statusReason() == null ? "" : ": " + credential.statusReason()), checkedAt,
                    httpStatus, false);
        }
        return last.map(c -> response(credential, c.status(), c.reason(), checkedAt, httpStatus, false))
                .orElseGet(() -> response(credential, CheckVerdict.UNKNOWN, "never_tested", null, null, false));
    }

    /**
     * Tests the connection now and records the verdict.
     *
     * @throws NotFoundException when unknown
     * @throws CheckRefusedException when the test is not attempted (disabled, not testable, its endpoint
     *                              missing, invalid or on a host it may not use)
     */
    private ConnectionHealthResponse test(String credentialId) {
        Credential credential = credentials.get(credentialId);
        CheckOutcome outcome = checker.test(credential);
        CheckResult check = outcome.check();
        if (!repository.record(credential.credentialId(), check)) {
            throw new NotFoundException("credential");
        }
        return response(credential, check.status(), check.reason(), CredentialViews.timestamp(check.checkedAt()),
                check.httpStatus(), outcome.refreshed());
    }

    private static ConnectionHealthResponse response(Credential c, CheckVerdict status, String reason, String checkedAt,
            Integer httpStatus, boolean refreshed) {
        return new ConnectionHealthResponse(c.credentialId(), c.connectionId(), status.wire(), reason, checkedAt, httpStatus,
                refreshed);
    }
}
