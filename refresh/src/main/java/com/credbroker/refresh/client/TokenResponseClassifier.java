package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.minidev.json.JSONObject;

/**
 * Turns a token endpoint's HTTP response into a {@link TokenResult}. The status decides first for the
 * answers whose meaning does not depend on the body (3xx, 408, 429, 5xx: a 5xx never kills a grant,
 * whatever its body says); then the body: tokens on a 2xx, an OAuth error object otherwise (also on a
 * 2xx without an access token where the provider's shape puts it, as GitHub and Slack send them). Descriptions here are raw; the caller runs
 * them through {@link FailureSanitiser}. Immutable, thread-safe.
 */
final class TokenResponseClassifier {
    /**
     * OAuth error codes and their class; any other code is {@link FailureClass#REJECTED}. GitHub's
     * non-standard names for the same conditions are included.
     */
    private static final Map<String, FailureClass> ERROR_CLASSES = Map.of(
            "invalid_grant", FailureClass.INVALID_GRANT,
            "bad_refresh_token", FailureClass.INVALID_GRANT,
            "invalid_client", FailureClass.INVALID_CLIENT,
            "unauthorized_client", FailureClass.INVALID_CLIENT,
            "incorrect_client_credentials", FailureClass.INVALID_CLIENT);

    /** An OAuth error response's {@code error} and raw {@code error_description}. */
    private record OAuthError(String code, String description) {
    }

    private final Clock clock;
    private final int maxResponseBytes;

    TokenResponseClassifier(Clock clock, int maxResponseBytes) {
        this.clock = clock;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * @param bodyTooLarge the body was cut off at the cap, so it must not be interpreted
     * @param provider     where the tokens are in a 2xx body and what its values mean
     */
    TokenResult classify(HTTPResponse response, boolean bodyTooLarge, ResolvedProvider provider) {
        int status = response.getStatusCode();
        Duration retryAfter = RetryAfter.parse(response.getHeaderValue("Retry-After"), clock);
        TokenResult.Failure byStatus = byStatusAlone(status, retryAfter);
        if (byStatus != null) {
            return byStatus;
        }
        if (bodyTooLarge) {
            return new TokenResult.Failure(FailureClass.BAD_RESPONSE, "response_too_large",
                    "token response is larger than " + maxResponseBytes + " bytes", retryAfter, status);
        }
        Optional<JSONObject> json = ResponseBodies.jsonObject(response);
        if (status >= 200 && status < 300) {
            return success(response, json, retryAfter, provider);
        }
        return json.flatMap(body -> oauthError(body, provider.tokenResponse()))
                .map(error -> oauthFailure(error, retryAfter, status))
                .orElseGet(() -> withoutOAuthError(status, retryAfter));
    }

    private static TokenResult.Failure byStatusAlone(int status, Duration retryAfter) {
        if (status >= 300 && status < 400) {
            return new TokenResult.Failure(FailureClass.REJECTED, "unexpected_redirect",
                    "token endpoint answered HTTP " + status + "; redirects are not followed", retryAfter, status);
        }
        if (status == 429) {
            return new TokenResult.Failure(FailureClass.RATE_LIMITED, "http_429",
                    "token endpoint is rate limiting", retryAfter, status);
        }
        if (status == 408 || status >= 500) {
            return new TokenResult.Failure(FailureClass.TRANSIENT, "http_" + status,
                    "token endpoint answered HTTP " + status, retryAfter, status);
        }
        return null;
    }

    private static TokenResult success(HTTPResponse response, Optional<JSONObject> json, Duration retryAfter,
            ResolvedProvider provider) {
        int status = response.getStatusCode();
        if (json.isEmpty()) {
            return ResponseBodies.isBlank(response)
                    ? new TokenResult.Failure(FailureClass.BAD_RESPONSE, "empty_response",
                            "token response body is empty", null, status)
                    : new TokenResult.Failure(FailureClass.BAD_RESPONSE, "bad_response",
                            "token response is not a JSON object (Content-Type " + ResponseBodies.mediaType(response)
                                    + ")", null, status);
        }
        if (TokenSetReader.at(json.get(), provider.tokenResponse().accessToken()) == null) {
            Optional<OAuthError> error = oauthError(json.get(), provider.tokenResponse());
            if (error.isPresent()) {
                return oauthFailure(error.get(), retryAfter, status);
            }
        }
        return TokenSetReader.read(json.get(), status, provider);
    }

    /**
     * The OAuth error, when the body has a usable {@code error} code (Nimbus parses it and drops an
     * illegal one). The description is taken raw: Nimbus strips characters outside RFC 6749's set
     * (quotes, backslashes, non-ASCII), which would turn an echoed secret into text that no longer
     * matches it, and so escape redaction; {@link FailureSanitiser} makes the raw text safe instead.
     */
    private static Optional<OAuthError> oauthError(JSONObject json, ResolvedProvider.TokenResponseShape shape) {
        Optional<OAuthError> own = providerError(json, shape);
        if (own.isPresent() || !json.containsKey("error")) {
            return own;
        }
        String code;
        try {
            ErrorObject error = TokenErrorResponse.parse(json).getErrorObject();
            code = error == null ? null : error.getCode();
        } catch (ParseException | RuntimeException unusable) {
            return Optional.empty();
        }
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        Object description = json.get("error_description");
        return Optional.of(new OAuthError(code, description instanceof String ? (String) description : null));
    }

    /**
     * A provider's own error code (at the template's {@code error} path, or one of its {@code error_codes}),
     * as the OAuth error it stands for; empty for a standard error at {@code error}.
     */
    private static Optional<OAuthError> providerError(JSONObject json, ResolvedProvider.TokenResponseShape shape) {
        if (!(TokenSetReader.at(json, shape.error()) instanceof String code) || code.isBlank()) {
            return Optional.empty();
        }
        String standard = shape.errorCodes().get(code.strip());
        if (standard == null && "error".equals(shape.error())) {
            return Optional.empty(); // a standard error: Nimbus reads it
        }
        Object description = json.get("error_description");
        String text = description instanceof String d ? d : code.strip();
        return Optional.of(new OAuthError(standard != null ? standard : code.strip(), text));
    }

    private static TokenResult.Failure oauthFailure(OAuthError error, Duration retryAfter, int status) {
        String code = error.code().strip().toLowerCase(Locale.ROOT);
        FailureClass failureClass = ERROR_CLASSES.getOrDefault(code, FailureClass.REJECTED);
        return new TokenResult.Failure(failureClass, code, error.description(), retryAfter, status);
    }

    private static TokenResult.Failure withoutOAuthError(int status, Duration retryAfter) {
        if (status == 401) {
            return new TokenResult.Failure(FailureClass.INVALID_CLIENT, "http_401",
                    "token endpoint refused the client (HTTP 401)", retryAfter, status);
        }
        return new TokenResult.Failure(FailureClass.REJECTED, "http_" + status,
                "token endpoint answered HTTP " + status, retryAfter, status);
    }
}
