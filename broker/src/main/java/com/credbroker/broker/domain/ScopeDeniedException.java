package com.credbroker.broker.domain;

import com.credbroker.broker.auth.Caller;
import com.credbroker.broker.auth.Scope;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The key is valid but holds none of the scopes the operation accepts; the message names them. */
public final class ScopeDeniedException extends BrokerException {
    private final transient Caller caller;

    public ScopeDeniedException(Caller caller, Scope... anyOf) {
        super("forbidden", "this API key lacks the scope for this operation: it needs "
                + Arrays.stream(anyOf).map(Scope::wireName).collect(Collectors.joining(" or ")));
        this.caller = caller;
    }

    /** The refused caller, so the denial can be audited under its key. */
    public Caller caller() {
        return caller;
    }
}
