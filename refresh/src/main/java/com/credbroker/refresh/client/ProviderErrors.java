package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ProviderException;

/**
 * An error a provider sent to the broker's callback in the browser's redirect ({@code error},
 * {@code error_description}, RFC 6749 section 4.1.2.1), made as safe as a token endpoint's: code
 * {@code [a-z0-9_.-]{1,64}}, description at most 200 printable characters. These values come from a
 * browser and are untrusted. Also the failure of a provider template that could not be resolved. Stateless.
 */
public final class ProviderErrors {
    private static final FailureSanitiser SANITISER = FailureSanitiser.redacting();

    private ProviderErrors() {
    }

    /** The sanitised error as a failure ({@link FailureClass#REJECTED}, no HTTP status). */
    public static TokenResult.Failure fromRedirect(String error, String description) {
        return SANITISER.clean(new TokenResult.Failure(FailureClass.REJECTED, error, description, null, 0));
    }

    /**
     * A provider template that could not be applied (a missing or refused per-connection field), as the
     * refusal before any request it is: {@link FailureClass#INVALID_CLIENT}, code {@code invalid_provider_field},
     * the exception's message (which names the field) sanitised.
     */
    public static TokenResult.Failure unresolvable(ProviderException e) {
        if (e.unavailable()) { // e.g. an issuer's discovery document is out of reach: try again later
            return SANITISER.clean(new TokenResult.Failure(FailureClass.TRANSIENT, "provider_unavailable",
                    e.getMessage(), null, 0));
        }
        return SANITISER.clean(new TokenResult.Failure(FailureClass.INVALID_CLIENT, "invalid_provider_field",
                e.getMessage(), null, 0));
    }
}
