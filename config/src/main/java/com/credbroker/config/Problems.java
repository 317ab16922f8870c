package com.credbroker.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems; the text never contains a sensitive value. Not thread-safe. */
final class Problems {
    private static final int MAX_QUOTED = 40;
    private final List<String> problems = new ArrayList<>();

    void add(String problem) {
        problems.add(problem);
    }

    /** Reports a problem with one key's value, quoting the value only when it is not sensitive. */
    void add(ConfigKey<?> key, RawValue raw, String complaint) {
        problems.add(subject(key, raw) + ": " + complaint);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    static String subject(ConfigKey<?> key, RawValue raw) {
        String quoted = key.sensitive() ? "" : "=" + quote(raw.value());
        return key.envName() + quoted + " (" + raw.origin() + ")";
    }

    /** Quotes a non-secret value for a message: truncated, control characters escaped. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        StringBuilder text = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.append('"').toString();
    }
}
