package com.credbroker.storage.refresh;

/**
 * A lease found without a live owner. {@code interrupted} is true when a token request had been sent
 * (the in-flight marker was set): the connection was marked EXPIRED because the provider may have
 * rotated its refresh token; otherwise the lease was just cleared.
 */
public record AbandonedRefresh(String credentialId, String connectionId, boolean interrupted) {
}
