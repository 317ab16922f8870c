package com.credbroker.broker.domain;

import java.util.List;

/**
 * An auth config's provider template binding, or a connection's per-connection fields, cannot be used: an
 * unknown provider, an override the template does not have, a field value its pattern refuses, a missing or
 * repeated per-connection field. Carries every problem at once (code {@code invalid_provider_config}); the
 * message lists them. Problem texts name fields (and the provider), never a secret.
 */
public final class ProviderConfigException extends BrokerException {
    public static final String CODE = "invalid_provider_config";
    /** At most this many problems are listed; the message says how many more there were. */
    static final int MAX_LISTED = 20;

    private final List<String> problems;

    public ProviderConfigException(List<String> problems) {
        super(CODE, message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        List<String> listed = problems.size() > MAX_LISTED ? problems.subList(0, MAX_LISTED) : problems;
        String more = problems.size() > MAX_LISTED ? "; and " + (problems.size() - MAX_LISTED) + " more" : "";
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " with the provider"
                + " configuration: " + String.join("; ", listed) + more;
    }
}
