package com.credbroker.broker.domain;

/**
 * The key may do the operation, but not this particular change (e.g. re-targeting where an existing
 * connection's secrets are sent needs more than {@code credentials:write}); the message names the scope.
 */
public final class ForbiddenException extends BrokerException {

    public ForbiddenException(String code, String message) {
        super(code, message);
    }
}
