package com.credbroker.refresh.connectioncheck;

import com.credbroker.config.ConnectConfig;
import com.credbroker.refresh.client.CheckRequestClient;
import com.credbroker.refresh.client.CheckRequestSpec;
import com.credbroker.refresh.client.CheckResponse;
import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.EgressRefusedException;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshResult;
import com.credbroker.refresh.engine.RefreshTrigger;
import com.credbroker.refresh.engine.TokenRefresher;
import com.credbroker.refresh.provider.ProviderException;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.SchemeFields;
import com.credbroker.storage.connectioncheck.CheckResult;
import com.credbroker.storage.connectioncheck.CheckVerdict;
import com.credbroker.storage.crypto.TamperedRowException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tests a connection: calls its {@code test_request_endpoint} (or its provider template's health endpoint)
 * with its credentials (see {@link CheckRequests}, {@link CheckTargets}) and judges the answer; a template
 * that cannot be applied to the connection is refused ({@code invalid_provider_field}). 2xx is healthy. A 401 on an OAUTH2
 * connection gets exactly one refresh (through {@link TokenRefresher}, trigger {@code test}; or none, when
 * another refresh already stored a different access token) and one retry; a 401 after that, or on another
 * scheme, is unhealthy. 403, other 4xx and 3xx (never followed) are unhealthy; 408, 429, 5xx and network
 * failures are unknown. A disabled or INITIATED connection is never tested. A test endpoint whose host
 * resolves to an internal address is refused before any connection ({@code egress_refused}, see
 * {@link EgressPolicy}; the transport checks the address it connects to again). Reasons are coded
 * ({@code <code>: <detail>}) and never hold a secret or a response body. Thread-safe.
 */
public final class ConnectionChecker {
    private final CheckRequests requests;
    private final EgressPolicy egress;
    private final CheckRequestClient client;
    private final TokenRefresher refresher;
    private final CredentialRepository credentials;
    private final Clock clock;
    private final ProviderResolver providers;
    private final Function<String, Optional<AuthConfig>> authConfigs;

    /** With the system resolver and the operator's {@link ConnectConfig#egressAllowList()}. */
    public ConnectionChecker(ConnectConfig config, boolean allowInsecureUrls, CheckRequestClient client,
            TokenRefresher refresher, CredentialRepository credentials, Clock clock) {
        this(config, allowInsecureUrls, EgressPolicy.enforcing(config.egressAllowList(), HostResolver.system()),
                client, refresher, credentials, clock);
    }

    /** @param egress checks the test endpoint's host before anything is sent */
    public ConnectionChecker(ConnectConfig config, boolean allowInsecureUrls, EgressPolicy egress,
            CheckRequestClient client, TokenRefresher refresher, CredentialRepository credentials, Clock clock) {
        this(config, allowInsecureUrls, egress, client, refresher, credentials, clock, ProviderResolver.PLAIN,
                authConfigId -> Optional.empty());
    }

    /**
     * @param providers   resolves a connection's auth config (and template) into its base URL, health endpoint,
     *                    headers and API authentication
     * @param authConfigs the auth config of an ID (empty when unknown: the connection is tested as it stands)
     */
    public ConnectionChecker(ConnectConfig config, boolean allowInsecureUrls, EgressPolicy egress,
            CheckRequestClient client, TokenRefresher refresher, CredentialRepository credentials, Clock clock,
            ProviderResolver providers, Function<String, Optional<AuthConfig>> authConfigs) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.authConfigs = Objects.requireNonNull(authConfigs, "authConfigs");
        this.requests = new CheckRequests(new CheckTargets(config, allowInsecureUrls));
        this.egress = Objects.requireNonNull(egress, "egress");
        this.client = Objects.requireNonNull(client, "client");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws CheckRefusedException when the connection must not or cannot be tested (nothing was sent) */
    public CheckOutcome test(Credential credential) {
        if (credential.disabled()) {
            throw new CheckRefusedException("connection_disabled", "a disabled connection is never tested");
        }
        if (credential.status() == CredentialStatus.INITIATED) {
            throw new CheckRefusedException("not_testable", "the connection's authorization is not complete");
        }
        CheckResponse first = client.send(allowed(build(credential)));
        if (!unauthorized(first) || credential.authScheme() != AuthScheme.OAUTH2) {
            return new CheckOutcome(verdict(first, false), false);
        }
        Renewal renewal = renew(credential);
        if (renewal.credential() == null) {
            return new CheckOutcome(unhealthy("http_401: the access token was refused and the refresh ended "
                    + renewal.refresh().label(), 401), true);
        }
        return new CheckOutcome(verdict(client.send(build(renewal.credential())), true), true);
    }

    /** The test request, with the connection's resolved provider when its auth config is known. */
    private CheckRequestSpec build(Credential credential) {
        Optional<AuthConfig> config;
        try {
            config = credential.authConfigId() == null ? Optional.empty()
                    : authConfigs.apply(credential.authConfigId());
        } catch (TamperedRowException refused) {
            // changed around the broker (logged and counted where refused): its template is not trusted
            throw new CheckRefusedException("not_testable", "the connection's auth config was refused");
        }
        ResolvedProvider provider;
        try {
            provider = config.map(c -> providers.resolve(c, ConnectionConfigs.of(credential.secrets()))).orElse(null);
        } catch (ProviderException unresolvable) {
            throw new CheckRefusedException("invalid_provider_field", unresolvable.getMessage());
        }
        return requests.build(credential, provider);
    }

    /** The request, when its host may be reached: a refusal is the same whatever the port or listener. */
    private CheckRequestSpec allowed(CheckRequestSpec request) {
        try {
            egress.check(request.url().getHost());
        } catch (EgressRefusedException e) {
            throw new CheckRefusedException(EgressRefusedException.CODE, e.getMessage());
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

    private static boolean unauthorized(CheckResponse response) {
        return response instanceof CheckResponse.Answered answered && answered.status() == 401;
    }

    private CheckResult verdict(CheckResponse response, boolean afterRefresh) {
        if (response instanceof CheckResponse.Failed failed) {
            return check(CheckVerdict.UNKNOWN, failed.code() + (failed.description() == null ? ""
                    : ": " + failed.description()), null);
        }
        int status = ((CheckResponse.Answered) response).status();
        if (status >= 200 && status < 300) {
            return check(CheckVerdict.HEALTHY, null, status);
        }
        if (status == 401) {
            return unhealthy(afterRefresh ? "http_401_after_refresh: the refreshed access token was refused too"
                    : "http_401: the credentials were refused", status);
        }
        if (status >= 300 && status < 400) {
            return unhealthy("unexpected_redirect: HTTP " + status + "; redirects are not followed", status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return check(CheckVerdict.UNKNOWN, "http_" + status + ": the test endpoint could not answer", status);
        }
        return unhealthy("http_" + status + ": the test request was refused", status);
    }

    private CheckResult unhealthy(String reason, int status) {
        return check(CheckVerdict.UNHEALTHY, reason, status);
    }

    private CheckResult check(CheckVerdict status, String reason, Integer httpStatus) {
        return new CheckResult(status, reason, httpStatus, clock.instant());
    }
}
