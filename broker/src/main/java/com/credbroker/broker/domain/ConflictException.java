package com.credbroker.broker.domain;

/**
 * The state of a record refuses the operation: a concurrent change won every attempt ({@code conflict}),
 * or a rule about other records holds ({@code auth_config_in_use}, {@code auth_config_app_mismatch},
 * {@code connection_disabled}, {@code not_testable}, {@code backup_too_large}).
 */
public final class ConflictException extends BrokerException {

    public ConflictException(String code, String message) {
        super(code, message);
    }

    /** Every optimistic update lost to a concurrent write. */
    public static ConflictException concurrentChange(String what) {
        return new ConflictException("conflict", "the " + what + " is being changed concurrently; retry");
    }
}
