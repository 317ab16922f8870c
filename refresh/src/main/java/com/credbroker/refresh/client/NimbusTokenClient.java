package com.credbroker.refresh.client;

import com.credbroker.config.EgressAllowList;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.crashpoint.CrashPoint;
import com.credbroker.refresh.crashpoint.FaultHook;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.storage.authconfig.AuthConfig;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth client of the broker: Nimbus builds each request (refresh-token grant, authorization-code
 * grant with PKCE, RFC 7009 revocation; client authentication as the auth config names it) and parses
 * the answer; {@link TokenHttpTransport} carries it over a pooled Jetty HTTP/1.1 client. A refresh sends
 * no {@code scope}, so the provider keeps the granted one.
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
        AuthConfig config = request.authConfig();
        String token = request.refreshToken();
        TokenResult.Failure refused = firstOf(checks.endpoint(config.tokenEndpoint(), "token"),
                EndpointChecks.client(config), blank(token) ? EndpointChecks.refusal(FailureClass.INVALID_GRANT,
                        "missing_refresh_token", "connection has no refresh token") : null);
        Attempt attempt = attempt(refused, () -> tokenRequest(config, new RefreshTokenGrant(new RefreshToken(token))));
        if (attempt.received() != null) {
            faults.reach(CrashPoint.REQUEST_SENT); // the provider has answered; its answer is not read yet
        }
        return finish("refresh", config, attempt, interpret(attempt), token);
    }

    @Override
    public TokenResult exchange(CodeExchangeSpec request) {
        Objects.requireNonNull(request, "request");
        AuthConfig config = request.authConfig();
        boolean incomplete = blank(request.code()) || blank(request.codeVerifier()) || request.redirectUri() == null;
        TokenResult.Failure refused = firstOf(checks.endpoint(config.tokenEndpoint(), "token"),
                EndpointChecks.client(config), incomplete ? EndpointChecks.refusal(FailureClass.INVALID_GRANT,
                        "invalid_code_exchange", "code, code verifier and redirect URI are all required") : null);
        Attempt attempt = attempt(refused, () -> tokenRequest(config, new AuthorizationCodeGrant(
                new AuthorizationCode(request.code()), request.redirectUri(),
                new CodeVerifier(request.codeVerifier()))));
        return finish("code exchange", config, attempt, interpret(attempt), request.code(), request.codeVerifier());
    }

    @Override
    public RevocationResult revoke(RevocationSpec request) {
        Objects.requireNonNull(request, "request");
        AuthConfig config = request.authConfig();
        TokenResult.Failure refused = firstOf(checks.endpoint(config.revocationEndpoint(), "revocation"),
                EndpointChecks.client(config), blank(request.token()) ? EndpointChecks.refusal(
                        FailureClass.INVALID_GRANT, "missing_token", "there is no token to revoke") : null);
        Attempt attempt = attempt(refused, () -> revocationRequest(config, request));
        if (attempt.received() != null) {
            int status = attempt.received().response().getStatusCode();
            if (status >= 200 && status < 300) {
                return new RevocationResult.Revoked(status);
            }
        }
        return new RevocationResult.Failed((TokenResult.Failure) finish("revocation", config, attempt,
                interpret(attempt), request.token()));
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

    private TokenResult interpret(Attempt attempt) {
        return attempt.received() == null ? attempt.failure()
                : classifier.classify(attempt.received().response(), attempt.received().bodyTooLarge());
    }

    /**
     * Sanitises a failure, redacting the secrets that were sent, the client secret, and the Basic credential
     * (base64 of the secret, which a provider may echo from the header).
     */
    private static TokenResult finish(String operation, AuthConfig config, Attempt attempt, TokenResult result,
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

    private static HTTPRequest revocationRequest(AuthConfig config, RevocationSpec request) {
        Token token = request.refreshToken() ? new RefreshToken(request.token())
                : new BearerAccessToken(request.token());
        ClientAuthentication auth = clientAuthentication(config);
        TokenRevocationRequest revocation = auth == null
                ? new TokenRevocationRequest(config.revocationEndpoint(), new ClientID(config.clientId()), token)
                : new TokenRevocationRequest(config.revocationEndpoint(), auth, token);
        return revocation.toHTTPRequest();
    }

    private static HTTPRequest tokenRequest(AuthConfig config, AuthorizationGrant grant) {
        ClientAuthentication auth = clientAuthentication(config);
        TokenRequest request = auth == null
                ? new TokenRequest(config.tokenEndpoint(), new ClientID(config.clientId()), grant)
                : new TokenRequest(config.tokenEndpoint(), auth, grant);
        return request.toHTTPRequest();
    }

    /** The client authentication the config names; null for a public client ({@code none}). */
    private static ClientAuthentication clientAuthentication(AuthConfig config) {
        ClientID clientId = new ClientID(config.clientId());
        return switch (config.clientAuthMethod()) {
            case CLIENT_SECRET_BASIC -> new ClientSecretBasic(clientId, new Secret(config.clientSecret()));
            case CLIENT_SECRET_POST -> new ClientSecretPost(clientId, new Secret(config.clientSecret()));
            case NONE -> null;
        };
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
