package com.credbroker.refresh.oidc;

/**
 * An OpenID Connect step refused: discovery failed, or an ID token or a callback's {@code iss} did not
 * hold. {@link #code()} is a short coded reason ({@code id_token_invalid}, {@code issuer_mismatch},
 * {@code discovery_failed}, ...); the message says why in words and never quotes a token, a nonce or a
 * response body.
 */
public final class OidcException extends RuntimeException {
    private final String code;

    public OidcException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** {@code code: message}, for a connection's {@code status_reason}. */
    public String reason() {
        return code + ": " + getMessage();
    }
}
