package com.credbroker.broker.auth;

import java.util.Optional;

/** What a key may do. Deny by default: a key holds exactly the scopes it was given. */
public enum Scope {
    CREDENTIALS_READ("credentials:read"),
    CREDENTIALS_READ_METADATA("credentials:read_metadata"),
    CREDENTIALS_WRITE("credentials:write"),
    CREDENTIALS_REFRESH("credentials:refresh"),
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
