package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import java.net.URI;
import java.util.Locale;

/**
 * The refusals shared by every request to an OAuth endpoint, checked before anything is sent: an
 * absolute http(s) URL, https unless the operator allows plain http, and a client the auth config can
 * authenticate as. Stateless.
 */
final class EndpointChecks {
    private final boolean allowInsecureUrls;

    EndpointChecks(boolean allowInsecureUrls) {
        this.allowInsecureUrls = allowInsecureUrls;
    }

    /** A refusal of this endpoint (named {@code what}, e.g. {@code token}), or null when it may be called. */
    TokenResult.Failure endpoint(URI endpoint, String what) {
        if (endpoint == null) {
            return refusal(FailureClass.INVALID_CLIENT, "no_" + what + "_endpoint",
                    "the auth config has no " + what + " endpoint");
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null) {
            return refusal(FailureClass.INVALID_CLIENT, "invalid_" + what + "_endpoint",
                    what + " endpoint must be an absolute http(s) URL");
        }
        if (scheme.equals("http") && !allowInsecureUrls) {
            return refusal(FailureClass.INVALID_CLIENT, "insecure_" + what + "_endpoint",
                    what + " endpoint is not https and insecure token URLs are not allowed");
        }
        return null;
    }

    /** A refusal of the config's client (no ID, or no secret for a method that sends one), or null. */
    static TokenResult.Failure client(ResolvedProvider config) {
        if (config.clientId() == null || config.clientId().isBlank()) {
            return refusal(FailureClass.INVALID_CLIENT, "invalid_client_config", "auth config has no client_id");
        }
        if (config.clientAuthMethod().needsSecret()
                && (config.clientSecret() == null || config.clientSecret().isEmpty())) {
            return refusal(FailureClass.INVALID_CLIENT, "invalid_client_config",
                    "auth config uses " + config.clientAuthMethod().wire() + " but has no client secret");
        }
        return null;
    }

    static TokenResult.Failure refusal(FailureClass failureClass, String code, String description) {
        return new TokenResult.Failure(failureClass, code, description, null, 0);
    }
}
