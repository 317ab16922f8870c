package com.credbroker.config;

import java.util.List;

/**
 * Thrown when the configuration is invalid. Carries every problem found, not just the first.
 * No problem text contains a secret value.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems: unknown keys, then one per bad value in key order, then cross-key rules. Never empty. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        StringBuilder text = new StringBuilder("Invalid configuration (")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(problem -> text.append("\n  - ").append(problem));
        return text.toString();
    }
}
