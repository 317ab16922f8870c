package com.credbroker.broker.auth;

import com.credbroker.storage.apikey.KeyKind;
import java.util.Set;

/** The authenticated key behind a request. */
public record Caller(String keyId, KeyKind kind, Set<Scope> scopes) {

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
