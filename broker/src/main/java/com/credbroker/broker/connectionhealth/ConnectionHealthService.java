package com.credbroker.broker.connectionhealth;

import com.credbroker.broker.credential.CredentialService;
import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.http.ApiException;
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

    public ConnectionHealthService(CredentialService credentials, ConnectionHealthRepository repository,
            ConnectionTester tester) {
        this.credentials = credentials;
        this.repository = repository;
        this.tester = tester;
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
     * Tests the connection now and records the verdict. 404 when unknown; 409 {@code connection_disabled}
     * or {@code not_testable}; 422 when its test endpoint is missing, invalid or on a host it may not use.
     */
    public HealthResponse test(String credentialId) {
        Credential credential = credentials.get(credentialId);
        TestOutcome outcome;
        try {
            outcome = tester.test(credential);
        } catch (TestRefusedException e) {
            boolean conflict = e.code().equals("connection_disabled") || e.code().equals("not_testable");
            throw new ApiException(conflict ? 409 : 422, e.code(), e.getMessage());
        }
        HealthCheck check = outcome.check();
        if (!repository.record(credential.credentialId(), check)) {
            throw ApiException.notFound("credential not found");
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
