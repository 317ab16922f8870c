package com.credbroker.broker.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The one error shape: {@code {"error": {"code", "message", "request_id"}}}. */
public record ErrorBody(@JsonProperty("error") Detail error) {

    public record Detail(
            @JsonProperty("code") String code,
            @JsonProperty("message") String message,
            @JsonProperty("request_id") String requestId) {
    }

    public static ErrorBody of(String code, String message, String requestId) {
        return new ErrorBody(new Detail(code, message, requestId));
    }
}
