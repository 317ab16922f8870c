package com.credbroker.broker.connectionhealth;

import com.credbroker.broker.credential.CredentialService;
import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.refresh.health.ConnectionTester;
import com.credbroker.refresh.health.TestOutcome;
import com.credbroker.refresh.health.TestRefusedException;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.health.ConnectionHealthRepository;
import com.credbroker.storage.health.HealthCheck;
import com.credbroker.storage.health.HealthStatus;
import java.util.Optional;

/**
 * Connection health: runs a connection's test ({@link ConnectionTester}) and records the verdict, and
 * answers what is known now. The status of the record comes first: a disabled connection is
 * {@code unknown} (never tested), an INITIATED one {@code unknown} ({@code authorization_pending}), an
 * EXPIRED one {@code unhealthy} with its status reason; an ACTIVE one has its last test's verdict, or
 * {@code unknown} ({@code never_tested}). Thread-safe.
 */
public final class ConnectionHealthService {
    private final CredentialService credentials;
    private final ConnectionHealthRepository repository;
    private final ConnectionTester tester;
    private final AuditService audit;
    private final BrokerMetrics metrics;

    public ConnectionHealthService(CredentialService credentials, ConnectionHealthRepository repository,
            ConnectionTester tester, AuditService audit, BrokerMetrics metrics) {
        this.credentials = credentials;
        this.audit = audit;
        this.metrics = metrics;
        this.repository = repository;
        this.tester = tester;
    }

    /** What is known now, for {@code actor} ({@code credential.health}, outcome the health status). */
    public HealthResponse health(Actor actor, String credentialId) {
        HealthResponse health = audit.audited(AuditAction.CREDENTIAL_HEALTH, actor, null, null,
                () -> health(credentialId));
        audit.record(AuditAction.CREDENTIAL_HEALTH, actor, health.connectionId(), health.status());
        return health;
    }

    /**
     * Tests now for {@code actor} ({@code credential.test}, outcome the verdict); counted by result
     * ({@code refused} when the test was not attempted, {@code error} when it failed on our side).
     */
    public HealthResponse test(Actor actor, String credentialId) {
        HealthResponse tested;
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

    public HealthResponse health(String credentialId) {
        Credential credential = credentials.get(credentialId);
        Optional<HealthCheck> last = repository.find(credential.credentialId());
        String checkedAt = last.map(c -> CredentialViews.timestamp(c.checkedAt())).orElse(null);
        Integer httpStatus = last.map(HealthCheck::httpStatus).orElse(null);
        if (credential.disabled()) {
            return response(credential, HealthStatus.UNKNOWN, "connection_disabled: a disabled connection is not"
                    + " tested", checkedAt, httpStatus, false);
        }
        if (credential.status() == CredentialStatus.INITIATED) {
            return response(credential, HealthStatus.UNKNOWN, "authorization_pending: the connect flow has not"
                    + " completed", checkedAt, httpStatus, false);
        }
        if (credential.status() == CredentialStatus.EXPIRED) {
            return response(credential, HealthStatus.UNHEALTHY, "connection_expired"
                    + (credential.statusReason() == null ? "" : ": " + credential.statusReason()), checkedAt,
                    httpStatus, false);
        }
        return last.map(c -> response(credential, c.status(), c.reason(), checkedAt, httpStatus, false))
                .orElseGet(() -> response(credential, HealthStatus.UNKNOWN, "never_tested", null, null, false));
    }

    /**
     * Tests the connection now and records the verdict.
     *
     * @throws NotFoundException when unknown
     * @throws TestRefusedException when the test is not attempted (disabled, not testable, its endpoint
     *                              missing, invalid or on a host it may not use)
     */
    public HealthResponse test(String credentialId) {
        Credential credential = credentials.get(credentialId);
        TestOutcome outcome = tester.test(credential);
        HealthCheck check = outcome.check();
        if (!repository.record(credential.credentialId(), check)) {
            throw new NotFoundException("credential");
        }
        return response(credential, check.status(), check.reason(), CredentialViews.timestamp(check.checkedAt()),
                check.httpStatus(), outcome.refreshed());
    }

    private static HealthResponse response(Credential c, HealthStatus status, String reason, String checkedAt,
            Integer httpStatus, boolean refreshed) {
        return new HealthResponse(c.credentialId(), c.connectionId(), status.wire(), reason, checkedAt, httpStatus,
                refreshed);
    }
}
