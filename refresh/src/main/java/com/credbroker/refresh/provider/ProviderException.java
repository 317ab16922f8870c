package com.credbroker.refresh.provider;

/** A template could not be applied: a missing or refused per-connection field. The message names the field. */
public final class ProviderException extends RuntimeException {
    public ProviderException(String message) {
        super(message);
    }
}
