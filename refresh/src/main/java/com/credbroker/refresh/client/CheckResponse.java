package com.credbroker.refresh.client;

/** What a test request got: a status (the body is never kept), or a failure with no response. */
public sealed interface CheckResponse {

    /** Any HTTP answer, 3xx included (not followed). */
    record Answered(int status) implements CheckResponse {
    }

    /**
     * No answer: {@code timeout}, {@code connect_failed}, {@code io_error}, {@code interrupted}, or
     * {@code invalid_request} when the request could not be sent as built. Sanitised.
     */
    record Failed(String code, String description) implements CheckResponse {
    }
}
