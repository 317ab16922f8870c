package com.credbroker.storage.authconfig;

/** An auth config still referred to by connections cannot be deleted. */
public final class AuthConfigInUseException extends RuntimeException {
    private final long connections;

    public AuthConfigInUseException(String authConfigId, long connections) {
        super("auth config " + authConfigId + " is used by " + connections + " connection(s)");
        this.connections = connections;
    }

    public long connections() {
        return connections;
    }
}
