package com.credbroker.broker.connect;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to an initiate: the new INITIATED connection and the URL to send the user's browser to.
 * {@code redirect_url} carries the single-use state, so it is for the user's browser only.
 */
public record InitiateResponse(
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("credential_id") String credentialId,
        @JsonProperty("status") String status,
        @JsonProperty("redirect_url") String redirectUrl,
        @JsonProperty("authorization_expires_at") String authorizationExpiresAt) {

    @Override
    public String toString() {
        return "InitiateResponse[" + connectionId + ", redirectUrl=[REDACTED]]";
    }
}
