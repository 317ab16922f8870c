package com.credbroker.broker.http;

/**
 * An error in the HTTP request itself (headers, body, query or path parameters), raised while parsing it
 * before any service runs. Refusals of the domain are {@link com.credbroker.broker.domain.BrokerException}s
 * and the storage and refresh rules, mapped in {@link ErrorMapper}; services never throw this. The message is
 * shown to the caller, so it must never contain a secret or an echo of a submitted value.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final transient java.util.Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, java.util.Map.of());
    }

    public ApiException(int status, String code, String message, java.util.Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = java.util.Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException validation(String message) {
        return new ApiException(422, "validation_failed", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }
}
