package com.credbroker.storage.connect;

/** An INITIATED connection whose authorization ran out of time. */
public record OverdueAuthorization(String credentialId, String connectionId) {
}
