package com.credbroker.config;

/**
 * One unparsed value and where it came from ({@code default}, {@code environment} or
 * {@code file <path>}). {@code toString()} omits the value, which may be secret.
 */
record RawValue(String value, String origin) {

    @Override
    public String toString() {
        return "RawValue[origin=" + origin + "]";
    }
}
