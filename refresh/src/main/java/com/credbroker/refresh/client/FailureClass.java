package com.credbroker.refresh.client;

/**
 * Why a token request did not produce tokens; decides what the refresher does next. The codes named
 * below are those {@link NimbusTokenClient} produces; an OAuth error keeps the provider's own code.
 */
public enum FailureClass {
    /**
     * {@code invalid_grant} (or GitHub's {@code bad_refresh_token}): the refresh token (or code) is dead.
     * Also {@code missing_refresh_token}: there was none to send (no request made). Final for the connection.
     */
    INVALID_GRANT,
    /**
     * {@code invalid_client}, {@code unauthorized_client} (or GitHub's {@code incorrect_client_credentials}),
     * or {@code http_401} without an OAuth error: the app's client is rejected. Also refusals of the auth
     * config before any request: {@code insecure_token_endpoint} (plain http not allowed),
     * {@code invalid_token_endpoint}, {@code invalid_client_config} (no client ID, or no secret for a
     * method that needs one), {@code egress_refused} (the endpoint resolves to an internal address; no
     * connection was made), {@code invalid_provider_field} (the auth config's provider template could not be
     * applied to the connection: a missing or refused per-connection field; see
     * {@link ProviderErrors#unresolvable}).
     */
    INVALID_CLIENT,
    /** 429 ({@code http_429}): wait at least {@code retryAfter} when it is set. */
    RATE_LIMITED,
    /**
     * 5xx and 408 ({@code http_<status>}, whatever the body says), {@code timeout}, {@code connect_failed},
     * {@code io_error}, {@code interrupted}: retry with backoff. No request is retried inside the client.
     */
    TRANSIENT,
    /**
     * A 2xx that is not a usable token response: {@code empty_response}, {@code bad_response} (HTML, not
     * JSON, rejected by the OAuth parser), {@code missing_access_token}, {@code missing_token_type},
     * {@code unknown_token_type}, {@code invalid_expires_in}, {@code malformed_scope},
     * {@code invalid_refresh_token}, {@code invalid_id_token}; and {@code response_too_large} for any
     * response whose body mattered and exceeded the size cap.
     */
    BAD_RESPONSE,
    /**
     * Another OAuth error with its code (e.g. {@code invalid_scope}, {@code invalid_request}), another 4xx
     * without one ({@code http_<status>}), or a 3xx ({@code unexpected_redirect}; redirects are never
     * followed): retry with backoff.
     */
    REJECTED
}
