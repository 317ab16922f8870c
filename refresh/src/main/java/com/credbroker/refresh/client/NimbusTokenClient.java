package com.credbroker.refresh.client;

import com.credbroker.config.EgressAllowList;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.crashpoint.CrashPoint;
import com.credbroker.refresh.crashpoint.FaultHook;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth client of the broker: Nimbus builds each request from the {@link ResolvedProvider} (refresh-token
 * grant to its refresh endpoint, authorization-code grant with PKCE unless the provider turns it off, RFC 7009
 * revocation; client authentication, extra parameters and form or JSON body as the provider names them, see
 * {@link TokenRequests}) and the answer is read through the provider's token response shape (see
 * {@link TokenSetReader}); {@link TokenHttpTransport} carries it over a pooled Jetty HTTP/1.1 client. A refresh
 * sends no {@code scope}, so the provider keeps the granted one.
 *
 * <p>Guarantees: never throws for anything a provider or the network does; an endpoint that is not
 * {@code https} is refused without a request unless {@link RefreshConfig#allowInsecureTokenUrls()}; an
 * endpoint whose host resolves to a loopback, private or other internal address is refused before any
 * connection ({@code egress_refused}, see {@link EgressPolicy}) unless insecure token URLs are allowed or
 * the operator allow-lists it;
 * every {@link TokenResult.Failure} has a sanitised code and description with every secret that was sent
 * (refresh token, authorization code, code verifier, revoked token, client secret) replaced by
 * {@code [REDACTED]}; log lines name only the endpoint's host, the status and the code. Thread-safe;
 * create one per process and share it (it owns the connection pool).
 */
public final class NimbusTokenClient implements TokenClient, AuthorizationCodeClient, RevocationClient {
    private static final Logger LOG = LoggerFactory.getLogger(NimbusTokenClient.class);

    private final EndpointChecks checks;
    private final TokenHttpTransport transport;
    private final TokenResponseClassifier classifier;
    private final FaultHook faults;

    /** With the default egress rule: public addresses only, unless insecure token URLs are allowed. */
    public NimbusTokenClient(RefreshConfig config, Clock clock) {
        this(config, EgressPolicy.forTokenEndpoints(config.allowInsecureTokenUrls(), EgressAllowList.none(),
                HostResolver.system()), clock);
    }

    /** @param egress where token, code exchange and revocation requests may connect */
    public NimbusTokenClient(RefreshConfig config, EgressPolicy egress, Clock clock) {
        this(config, egress, clock, FaultHook.NONE);
    }

    /**
     * @param faults called with {@link CrashPoint#REQUEST_SENT} once a refresh request has been answered
     *               ({@link FaultHook#NONE} in production)
     */
    public NimbusTokenClient(RefreshConfig config, EgressPolicy egress, Clock clock, FaultHook faults) {
        this(config, new TokenHttpTransport(config, egress), clock, faults);
    }

    NimbusTokenClient(RefreshConfig config, TokenHttpTransport transport, Clock clock) {
        this(config, transport, clock, FaultHook.NONE);
    }

    private NimbusTokenClient(RefreshConfig config, TokenHttpTransport transport, Clock clock, FaultHook faults) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        this.checks = new EndpointChecks(config.allowInsecureTokenUrls());
        this.transport = Objects.requireNonNull(transport, "transport");
        this.classifier = new TokenResponseClassifier(clock, config.maxResponseBytes());
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    @Override
    public TokenResult refresh(TokenRequestSpec request) {
        Objects.requireNonNull(request, "request");
        ResolvedProvider provider = request.provider();
        String token = request.refreshToken();
        TokenResult.Failure refused = firstOf(checks.endpoint(provider.refreshEndpoint(), "token"),
                EndpointChecks.client(provider), blank(token) ? EndpointChecks.refusal(FailureClass.INVALID_GRANT,
                        "missing_refresh_token", "connection has no refresh token") : null);
        Attempt attempt = attempt(refused, () -> TokenRequests.refresh(provider, token, request.redirectUri()));
        if (attempt.received() != null) {
            faults.reach(CrashPoint.REQUEST_SENT); // the provider has answered; its answer is not read yet
        }
        return finish("refresh", provider, attempt, interpret(attempt, provider), token);
    }

    /** With PKCE off no verifier is needed (nor sent); otherwise code, verifier and redirect URI are all required. */
    @Override
    public TokenResult exchange(CodeExchangeSpec request) {
        Objects.requireNonNull(request, "request");
        ResolvedProvider provider = request.provider();
        boolean needsVerifier = provider.pkce() != ResolvedProvider.Pkce.OFF;
        boolean incomplete = blank(request.code()) || needsVerifier && blank(request.codeVerifier())
                || request.redirectUri() == null;
        TokenResult.Failure refused = firstOf(checks.endpoint(provider.tokenEndpoint(), "token"),
                EndpointChecks.client(provider), incomplete ? EndpointChecks.refusal(FailureClass.INVALID_GRANT,
                        "invalid_code_exchange", needsVerifier ? "code, code verifier and redirect URI are all required"
                                : "code and redirect URI are both required") : null);
        Attempt attempt = attempt(refused, () -> TokenRequests.exchange(provider, request));
        TokenResult result = finish("code exchange", provider, attempt, interpret(attempt, provider), request.code(),
                request.codeVerifier());
        return provider.refreshRedirectUri() ? ConnectionConfigs.withRedirectUri(result, request.redirectUri())
                : result;
    }

    @Override
    public RevocationResult revoke(RevocationSpec request) {
        Objects.requireNonNull(request, "request");
        ResolvedProvider provider = request.provider();
        TokenResult.Failure refused = firstOf(checks.endpoint(provider.revocationEndpoint(), "revocation"),
                EndpointChecks.client(provider), blank(request.token()) ? EndpointChecks.refusal(
                        FailureClass.INVALID_GRANT, "missing_token", "there is no token to revoke") : null);
        Attempt attempt = attempt(refused, () -> TokenRequests.revocation(provider, request));
        if (attempt.received() != null) {
            int status = attempt.received().response().getStatusCode();
            if (status >= 200 && status < 300) {
                return new RevocationResult.Revoked(status);
            }
        }
        return new RevocationResult.Failed((TokenResult.Failure) finish("revocation", provider, attempt,
                interpret(attempt, provider), request.token()));
    }

    /** A request sent (with its answer or a transport failure), or refused before sending. */
    private record Attempt(HTTPRequest request, TokenHttpTransport.Received received, TokenResult.Failure failure) {
    }

    private Attempt attempt(TokenResult.Failure refused, Supplier<HTTPRequest> build) {
        if (refused != null) {
            return new Attempt(null, null, refused);
        }
        HTTPRequest httpRequest;
        try {
            httpRequest = build.get();
        } catch (RuntimeException unbuildable) {
            return new Attempt(null, null, EndpointChecks.refusal(FailureClass.INVALID_CLIENT,
                    "invalid_client_config", "could not build the request from the auth config"));
        }
        TokenHttpTransport.Exchange exchange = transport.send(httpRequest);
        return exchange instanceof TokenHttpTransport.Received received
                ? new Attempt(httpRequest, received, null)
                : new Attempt(httpRequest, null, ((TokenHttpTransport.Failed) exchange).failure());
    }

    private TokenResult interpret(Attempt attempt, ResolvedProvider provider) {
        return attempt.received() == null ? attempt.failure()
                : classifier.classify(attempt.received().response(), attempt.received().bodyTooLarge(), provider);
    }

    /**
     * Sanitises a failure, redacting the secrets that were sent, the client secret, and the Basic credential
     * (base64 of the secret, which a provider may echo from the header).
     */
    private static TokenResult finish(String operation, ResolvedProvider config, Attempt attempt, TokenResult result,
            String... sentSecrets) {
        if (!(result instanceof TokenResult.Failure raw)) {
            return result;
        }
        String[] secrets = Arrays.copyOf(sentSecrets, sentSecrets.length + 2);
        secrets[sentSecrets.length] = config.clientSecret();
        secrets[sentSecrets.length + 1] = attempt.request() == null ? null : basicCredential(attempt.request());
        TokenResult.Failure failure = FailureSanitiser.redacting(secrets).clean(raw);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} for auth config {} failed: {} {} (HTTP {})", operation, config.authConfigId(),
                    failure.failureClass(), failure.code(), failure.httpStatus());
        }
        return failure;
    }

    private static String basicCredential(HTTPRequest request) {
        String authorization = request.getAuthorization();
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                ? authorization.substring(6).strip() : null;
    }

    private static TokenResult.Failure firstOf(TokenResult.Failure... refusals) {
        for (TokenResult.Failure refusal : refusals) {
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
