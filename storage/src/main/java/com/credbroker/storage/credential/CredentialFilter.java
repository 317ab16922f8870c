package com.credbroker.storage.credential;

/** Listing filters; a null field does not filter. */
public record CredentialFilter(
        String appName,
        CredentialStatus status,
        String entityId,
        String authConfigId,
        Boolean disabled) {

    public static CredentialFilter none() {
        return new CredentialFilter(null, null, null, null, null);
    }
}
