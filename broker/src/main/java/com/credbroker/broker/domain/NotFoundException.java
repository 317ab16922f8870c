package com.credbroker.broker.domain;

/** The thing asked for does not exist (or its ID is not of its form: then no query is made). */
public final class NotFoundException extends BrokerException {

    /** @param what e.g. {@code connection}, {@code api key}: the message is "{@code <what> not found}" */
    public NotFoundException(String what) {
        super("not_found", what + " not found");
    }
}
