package com.credbroker.broker.connectioncheck;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A connection's health on the wire: {@code healthy}, {@code unhealthy} or {@code unknown}, a coded
 * reason, when it was last tested, and the HTTP status of that test. Never a secret or a response body.
 */
public record ConnectionHealthResponse(
        @JsonProperty("credential_id") String credentialId,
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("last_checked_at") String lastCheckedAt,
        @JsonProperty("http_status") Integer httpStatus,
        @JsonProperty("refreshed") boolean refreshed) {
}
