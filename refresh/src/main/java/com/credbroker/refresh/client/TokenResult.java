package com.credbroker.refresh.client;

import java.time.Duration;

/** The outcome of one token request: tokens, or a classified failure. */
public sealed interface TokenResult {

    record Success(TokenSet tokens) implements TokenResult {
    }

    /**
     * @param code         a short machine code: the OAuth {@code error} when there is one (sanitised),
     *                     else e.g. {@code http_503}, {@code timeout}, {@code connect_failed},
     *                     {@code bad_response}
     * @param description  the provider's {@code error_description} or our own explanation: printable,
     *                     at most 200 characters, never containing a secret that was sent; may be null
     * @param retryAfter   from a {@code Retry-After} header (seconds or HTTP-date), or null
     * @param httpStatus   the response status, or 0 when there was no response
     */
    record Failure(FailureClass failureClass, String code, String description, Duration retryAfter, int httpStatus)
            implements TokenResult {

        /** {@code code: description} for a {@code status_reason}. */
        public String reason() {
            return description == null || description.isBlank() ? code : code + ": " + description;
        }
    }
}
