package com.credbroker.refresh.connectioncheck;

/**
 * A connection test that was not attempted: nothing was sent and nothing is recorded. The code is a
 * fixed word ({@code connection_disabled}, {@code not_testable}, {@code no_test_request_endpoint},
 * {@code invalid_test_request_endpoint}, {@code test_endpoint_not_allowed}, {@code egress_refused},
 * {@code invalid_provider_field}); the message
 * names the rule, never a secret (an egress refusal names the host and its address class).
 */
public final class CheckRefusedException extends RuntimeException {
    private final String code;

    public CheckRefusedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
