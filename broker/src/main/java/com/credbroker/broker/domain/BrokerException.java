package com.credbroker.broker.domain;

/**
 * A broker service's refusal, in the domain's words: what went wrong and a fixed code, never an HTTP
 * status. {@link com.credbroker.broker.http.ErrorMapper} is the one table from each subtype to a status and
 * headers. The message is shown to the caller, so it never contains a secret or a submitted value.
 */
public abstract sealed class BrokerException extends RuntimeException
        permits NotFoundException, ConflictException, ValidationException, ScopeDeniedException, ForbiddenException,
        AuditUnavailableException, RefreshRefusedException, ProviderConfigException {
    private final String code;

    BrokerException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The error code of the JSON error body and of the audit outcome, e.g. {@code not_found}. */
    public String code() {
        return code;
    }
}
