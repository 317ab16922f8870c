package com.credbroker.refresh.client;

import com.credbroker.config.RefreshConfig;
import com.credbroker.storage.authconfig.AuthConfig;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenClient} of the broker: Nimbus builds each refresh-token grant (client authentication
 * as the auth config names it; no {@code scope}, so the provider keeps the granted one) and parses
 * the answer; {@link TokenHttpTransport} carries it over a pooled JDK HTTP/1.1 client.
 *
 * <p>Guarantees: never throws for anything a provider or the network does; a token endpoint that is not
 * {@code https} is refused without a request unless {@link RefreshConfig#allowInsecureTokenUrls()};
 * every {@link TokenResult.Failure} has a sanitised code and description with the refresh token and
 * client secret that were sent replaced by {@code [REDACTED]}; log lines name only the endpoint's host,
 * the status and the code. Thread-safe; create one per process and share it (it owns the connection pool).
 */
public final class NimbusTokenClient implements TokenClient {
    private static final Logger LOG = LoggerFactory.getLogger(NimbusTokenClient.class);

    private final boolean allowInsecureTokenUrls;
    private final TokenHttpTransport transport;
    private final TokenResponseClassifier classifier;

    public NimbusTokenClient(RefreshConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        this.allowInsecureTokenUrls = config.allowInsecureTokenUrls();
        this.transport = new TokenHttpTransport(config);
        this.classifier = new TokenResponseClassifier(clock, config.maxResponseBytes());
    }

    @Override
    public TokenResult refresh(TokenRequestSpec request) {
        Objects.requireNonNull(request, "request");
        TokenResult.Failure refused = refuse(request);
        if (refused != null) {
            return cleaned(request, null, refused);
        }
        HTTPRequest httpRequest;
        try {
            httpRequest = toHttpRequest(request.authConfig(), request.refreshToken());
        } catch (RuntimeException unbuildable) {
            return cleaned(request, null, refusal(FailureClass.INVALID_CLIENT, "invalid_client_config",
                    "could not build the token request from the auth config"));
        }
        TokenHttpTransport.Exchange exchange = transport.send(httpRequest);
        TokenResult result = exchange instanceof TokenHttpTransport.Received received
                ? classifier.classify(received.response(), received.bodyTooLarge())
                : ((TokenHttpTransport.Failed) exchange).failure();
        return result instanceof TokenResult.Failure failure ? cleaned(request, httpRequest, failure) : result;
    }

    /** A request that must not be sent at all, or null. */
    private TokenResult.Failure refuse(TokenRequestSpec request) {
        AuthConfig config = request.authConfig();
        URI endpoint = config.tokenEndpoint();
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null) {
            return refusal(FailureClass.INVALID_CLIENT, "invalid_token_endpoint",
                    "token endpoint must be an absolute http(s) URL");
        }
        if (scheme.equals("http") && !allowInsecureTokenUrls) {
            return refusal(FailureClass.INVALID_CLIENT, "insecure_token_endpoint",
                    "token endpoint is not https and insecure token URLs are not allowed");
        }
        if (config.clientId() == null || config.clientId().isBlank()) {
            return refusal(FailureClass.INVALID_CLIENT, "invalid_client_config", "auth config has no client_id");
        }
        if (config.clientAuthMethod().needsSecret()
                && (config.clientSecret() == null || config.clientSecret().isEmpty())) {
            return refusal(FailureClass.INVALID_CLIENT, "invalid_client_config",
                    "auth config uses " + config.clientAuthMethod().wire() + " but has no client secret");
        }
        if (request.refreshToken() == null || request.refreshToken().isBlank()) {
            return refusal(FailureClass.INVALID_GRANT, "missing_refresh_token", "connection has no refresh token");
        }
        return null;
    }

    private static HTTPRequest toHttpRequest(AuthConfig config, String refreshToken) {
        URI endpoint = config.tokenEndpoint();
        AuthorizationGrant grant = new RefreshTokenGrant(new RefreshToken(refreshToken));
        ClientID clientId = new ClientID(config.clientId());
        TokenRequest request = switch (config.clientAuthMethod()) {
            case CLIENT_SECRET_BASIC -> new TokenRequest(endpoint,
                    new ClientSecretBasic(clientId, new Secret(config.clientSecret())), grant);
            case CLIENT_SECRET_POST -> new TokenRequest(endpoint,
                    new ClientSecretPost(clientId, new Secret(config.clientSecret())), grant);
            case NONE -> new TokenRequest(endpoint, clientId, grant);
        };
        return request.toHTTPRequest();
    }

    private static String basicCredential(HTTPRequest request) {
        String authorization = request.getAuthorization();
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                ? authorization.substring(6).strip() : null;
    }

    private static TokenResult.Failure refusal(FailureClass failureClass, String code, String description) {
        return new TokenResult.Failure(failureClass, code, description, null, 0);
    }

    /**
     * Sanitises a failure, redacting what was sent: the refresh token, the client secret, and the Basic
     * credential (base64 of the secret, which a provider may echo from the header).
     */
    private static TokenResult.Failure cleaned(TokenRequestSpec request, HTTPRequest sent, TokenResult.Failure raw) {
        AuthConfig config = request.authConfig();
        FailureSanitiser sanitiser = FailureSanitiser.redacting(request.refreshToken(), config.clientSecret(),
                sent == null ? null : basicCredential(sent));
        TokenResult.Failure failure = sanitiser.clean(raw);
        if (LOG.isDebugEnabled()) {
            LOG.debug("token request for auth config {} to host {} failed: {} {} (HTTP {})", config.authConfigId(),
                    config.tokenEndpoint().getHost(), failure.failureClass(), failure.code(), failure.httpStatus());
        }
        return failure;
    }
}
