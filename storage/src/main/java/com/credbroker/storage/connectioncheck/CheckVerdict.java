package com.credbroker.storage.connectioncheck;

import java.util.Locale;

/** A connection's health as its last test found it. */
public enum CheckVerdict {
    /** The test request was answered 2xx. */
    HEALTHY,
    /** The credentials were refused (401 after one refresh, 403, another 4xx, an unexpected redirect) or are unusable. */
    UNHEALTHY,
    /** Not known: never tested, or the last test could not tell (5xx, 429, timeout, network error). */
    UNKNOWN;

    /** The name on the wire: {@code healthy}, {@code unhealthy}, {@code unknown}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
