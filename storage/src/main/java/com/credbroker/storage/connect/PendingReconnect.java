package com.credbroker.storage.connect;

import java.util.Objects;

/**
 * A started authorization that re-authorizes an existing connection in place (same connection ID and
 * credential ID): what the flow needs that the connection must not show until the new grant completes.
 * Kept beside its {@link PendingAuthorization} (same state hash). {@code toString()} never shows the code
 * verifier or the callback URL.
 *
 * @param credentialId        the connection being reconnected
 * @param allowAccountChange  true: the new grant may belong to another upstream account than the stored one
 * @param codeVerifier        this authorization's PKCE code verifier (secret)
 * @param callbackUrl         where the browser goes when this reconnect ends
 */
public record PendingReconnect(
        String stateHash,
        String credentialId,
        boolean allowAccountChange,
        String codeVerifier,
        String callbackUrl) {

    public PendingReconnect {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
    }

    @Override
    public String toString() {
        return "PendingReconnect[" + credentialId + ", allowAccountChange=" + allowAccountChange
                + ", values=[REDACTED]]";
    }
}
