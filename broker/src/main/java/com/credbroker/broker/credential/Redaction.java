package com.credbroker.broker.credential;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The redacted view: same shape, every secret value replaced by one fixed mask. */
final class Redaction {
    static final String MASK = "[REDACTED]";
    private static final Pattern SECRET_LOOKING = Pattern.compile(
            "(?i).*(auth|token|secret|key|pass|cookie|session|signature|credential|bearer|sig|jwt).*");

    private Redaction() {
    }

    static String mask(String value) {
        return value == null ? null : MASK;
    }

    /** Masks every value (non-null) in a credentials map. */
    static Map<String, Object> maskAll(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, value == null ? null : MASK));
        return out;
    }

    /** Masks the values whose names look like they carry a secret (headers, query parameters). */
    static Map<String, String> maskSecretLooking(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, SECRET_LOOKING.matcher(key).matches() ? mask(value) : value));
        return out;
    }
}
