package com.credbroker.refresh.health;

import com.credbroker.config.ConnectConfig;
import com.credbroker.refresh.client.TestRequestClient;
import com.credbroker.refresh.client.TestRequestSpec;
import com.credbroker.refresh.client.TestResponse;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.EgressRefusedException;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshResult;
import com.credbroker.refresh.engine.RefreshTrigger;
import com.credbroker.refresh.engine.TokenRefresher;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.SchemeFields;
import com.credbroker.storage.health.HealthCheck;
import com.credbroker.storage.health.HealthStatus;
import java.time.Clock;
import java.util.Objects;

/**
 * Tests a connection: calls its {@code test_request_endpoint} with its credentials (see
 * {@link TestRequests}, {@link TestTargets}) and judges the answer. 2xx is healthy. A 401 on an OAUTH2
 * connection gets exactly one refresh (through {@link TokenRefresher}, trigger {@code test}; or none, when
 * another refresh already stored a different access token) and one retry; a 401 after that, or on another
 * scheme, is unhealthy. 403, other 4xx and 3xx (never followed) are unhealthy; 408, 429, 5xx and network
 * failures are unknown. A disabled or INITIATED connection is never tested. A test endpoint whose host
 * resolves to an internal address is refused before any connection ({@code egress_refused}, see
 * {@link EgressPolicy}; the transport checks the address it connects to again). Reasons are coded
 * ({@code <code>: <detail>}) and never hold a secret or a response body. Thread-safe.
 */
public final class ConnectionTester {
    private final TestRequests requests;
    private final EgressPolicy egress;
    private final TestRequestClient client;
    private final TokenRefresher refresher;
    private final CredentialRepository credentials;
    private final Clock clock;

    /** With the system resolver and the operator's {@link ConnectConfig#egressAllowList()}. */
    public ConnectionTester(ConnectConfig config, boolean allowInsecureUrls, TestRequestClient client,
            TokenRefresher refresher, CredentialRepository credentials, Clock clock) {
        this(config, allowInsecureUrls, EgressPolicy.enforcing(config.egressAllowList(), HostResolver.system()),
                client, refresher, credentials, clock);
    }

    /** @param egress checks the test endpoint's host before anything is sent */
    public ConnectionTester(ConnectConfig config, boolean allowInsecureUrls, EgressPolicy egress,
            TestRequestClient client, TokenRefresher refresher, CredentialRepository credentials, Clock clock) {
        this.requests = new TestRequests(new TestTargets(config, allowInsecureUrls));
        this.egress = Objects.requireNonNull(egress, "egress");
        this.client = Objects.requireNonNull(client, "client");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws TestRefusedException when the connection must not or cannot be tested (nothing was sent) */
    public TestOutcome test(Credential credential) {
        if (credential.disabled()) {
            throw new TestRefusedException("connection_disabled", "a disabled connection is never tested");
        }
        if (credential.status() == CredentialStatus.INITIATED) {
            throw new TestRefusedException("not_testable", "the connection's authorization is not complete");
        }
        TestResponse first = client.send(allowed(requests.build(credential)));
        if (!unauthorized(first) || credential.authScheme() != AuthScheme.OAUTH2) {
            return new TestOutcome(verdict(first, false), false);
        }
        Renewal renewal = renew(credential);
        if (renewal.credential() == null) {
            return new TestOutcome(unhealthy("http_401: the access token was refused and the refresh ended "
                    + renewal.refresh().label(), 401), true);
        }
        return new TestOutcome(verdict(client.send(requests.build(renewal.credential())), true), true);
    }

    /** The request, when its host may be reached: a refusal is the same whatever the port or listener. */
    private TestRequestSpec allowed(TestRequestSpec request) {
        try {
            egress.check(request.url().getHost());
        } catch (EgressRefusedException e) {
            throw new TestRefusedException(EgressRefusedException.CODE, e.getMessage());
        }
        return request;
    }

    /** A record with another access token to retry with (or null), and how the refresh for it ended. */
    private record Renewal(Credential credential, RefreshOutcome refresh) {
    }

    /** The access token another refresh stored meanwhile, else the result of one refresh now. */
    private Renewal renew(Credential tested) {
        String used = SchemeFields.text(tested.secrets(), SchemeFields.ACCESS_TOKEN);
        Credential stored = credentials.findByCredentialId(tested.credentialId()).orElse(null);
        if (stored != null && !Objects.equals(used, SchemeFields.text(stored.secrets(), SchemeFields.ACCESS_TOKEN))) {
            return new Renewal(stored, RefreshOutcome.SHARED);
        }
        RefreshResult result = refresher.refresh(tested.credentialId(), RefreshTrigger.TEST);
        boolean usable = (result.outcome() == RefreshOutcome.SUCCESS || result.outcome() == RefreshOutcome.SHARED)
                && result.credential() != null && !Objects.equals(used,
                        SchemeFields.text(result.credential().secrets(), SchemeFields.ACCESS_TOKEN));
        return new Renewal(usable ? result.credential() : null, result.outcome());
    }

    private static boolean unauthorized(TestResponse response) {
        return response instanceof TestResponse.Answered answered && answered.status() == 401;
    }

    private HealthCheck verdict(TestResponse response, boolean afterRefresh) {
        if (response instanceof TestResponse.Failed failed) {
            return check(HealthStatus.UNKNOWN, failed.code() + (failed.description() == null ? ""
                    : ": " + failed.description()), null);
        }
        int status = ((TestResponse.Answered) response).status();
        if (status >= 200 && status < 300) {
            return check(HealthStatus.HEALTHY, null, status);
        }
        if (status == 401) {
            return unhealthy(afterRefresh ? "http_401_after_refresh: the refreshed access token was refused too"
                    : "http_401: the credentials were refused", status);
        }
        if (status >= 300 && status < 400) {
            return unhealthy("unexpected_redirect: HTTP " + status + "; redirects are not followed", status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return check(HealthStatus.UNKNOWN, "http_" + status + ": the test endpoint could not answer", status);
        }
        return unhealthy("http_" + status + ": the test request was refused", status);
    }

    private HealthCheck unhealthy(String reason, int status) {
        return check(HealthStatus.UNHEALTHY, reason, status);
    }

    private HealthCheck check(HealthStatus status, String reason, Integer httpStatus) {
        return new HealthCheck(status, reason, httpStatus, clock.instant());
    }
}
