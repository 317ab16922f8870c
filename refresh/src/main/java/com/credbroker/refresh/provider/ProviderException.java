package com.credbroker.refresh.provider;

/**
 * A template could not be applied: a missing or refused per-connection field (the message names the field),
 * or, when {@link #unavailable()}, a provider description that could not be fetched now (an OpenID discovery
 * document): worth trying again later, not a fault of the auth config.
 */
public final class ProviderException extends RuntimeException {
    private final boolean unavailable;

    public ProviderException(String message) {
        this(message, false);
    }

    private ProviderException(String message, boolean unavailable) {
        super(message);
        this.unavailable = unavailable;
    }

    /** The provider's description could not be fetched now; the message says which, never a secret. */
    public static ProviderException unavailable(String message) {
        return new ProviderException(message, true);
    }

    public boolean unavailable() {
        return unavailable;
    }
}
