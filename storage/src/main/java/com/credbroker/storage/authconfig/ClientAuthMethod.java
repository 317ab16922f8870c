package com.credbroker.storage.authconfig;

import java.util.Arrays;
import java.util.Optional;

/** How the broker authenticates to an app's token endpoint (RFC 6749 section 2.3, OIDC client auth names). */
public enum ClientAuthMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    NONE("none");

    private final String wire;

    ClientAuthMethod(String wire) {
        this.wire = wire;
    }

    /** The name used in the API and the database. */
    public String wire() {
        return wire;
    }

    public static Optional<ClientAuthMethod> fromWire(String value) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
    }

    /** True when the method sends a client secret (so the config must have one). */
    public boolean needsSecret() {
        return this != NONE;
    }
}
