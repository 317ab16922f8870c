package com.credbroker.broker.domain;

/** The request names something a rule refuses (an unknown auth config, a reserved name, a missing endpoint). */
public final class ValidationException extends BrokerException {

    public ValidationException(String message) {
        this("validation_failed", message);
    }

    /** With a more precise code than {@code validation_failed} (e.g. {@code no_test_request_endpoint}). */
    public ValidationException(String code, String message) {
        super(code, message);
    }
}
