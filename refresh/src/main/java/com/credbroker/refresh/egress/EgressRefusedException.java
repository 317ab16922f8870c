package com.credbroker.refresh.egress;

/**
 * An outbound request the {@link EgressPolicy} refused before any connection was attempted. The message,
 * e.g. {@code destination not allowed: localhost resolves to a loopback address}, names the host and the
 * address class, never a port, a path or a secret, and is the same whether anything listens there.
 */
public final class EgressRefusedException extends RuntimeException {
    /** The error code used wherever the refusal is reported. */
    public static final String CODE = "egress_refused";

    public EgressRefusedException(String message) {
        super(message, null, false, false);
    }
}
