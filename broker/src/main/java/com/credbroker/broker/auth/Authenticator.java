package com.credbroker.broker.auth;

import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.domain.ScopeDeniedException;
import com.credbroker.broker.http.ApiException;
import com.credbroker.storage.apikey.KeyKind;
import io.javalin.http.Context;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the caller of a request. Exactly one of the key headers must be present, once: none → 401,
 * two or more (or one repeated) → 400; a key presented in a header of another kind → 401 naming the header
 * of its kind; a missing or unknown key → 401 naming the three headers; a missing scope → 403 naming the
 * scopes the operation accepts; a key-like
 * query parameter ({@code api_key}, {@code X-API-Key}, …) → 400 {@code key_in_url}.
 */
public final class Authenticator {
    private static final KeyKind[] KINDS = KeyKind.values();
    private static final String HEADERS = "X-API-Key (kind api), X-Flowplate-Key (kind flowplate) or"
            + " X-Aitronos-Hub-Key (kind hub)";
    private static final Set<String> KEY_PARAMETERS = Set.of("x-api-key", "x-flowplate-key", "x-aitronos-hub-key",
            "api_key", "apikey", "api-key", "x_api_key");

    /** The request attribute under which the ID (never the secret) of the authenticated key is kept. */
    private static final String KEY_ID = "credbroker.key_id";

    private final ApiKeyService keys;
    private final AuthFailureLimiter limiter;

    public Authenticator(ApiKeyService keys, AuthFailureLimiter limiter) {
        this.keys = keys;
        this.limiter = limiter;
    }

    /** Authenticates and checks one of the accepted scopes; returns the caller. */
    public Caller require(Context ctx, Scope... anyOf) {
        Caller caller = authenticate(ctx);
        for (Scope scope : anyOf) {
            if (caller.has(scope)) {
                return caller;
            }
        }
        throw new ScopeDeniedException(caller, anyOf);
    }

    public Caller authenticate(Context ctx) {
        refuseKeyInUrl(ctx);
        KeyKind kind = null;
        String secret = null;
        for (KeyKind candidate : KINDS) {
            String value = ctx.header(candidate.header());
            if (value != null) {
                if (kind != null || isRepeated(ctx, candidate.header())) {
                    throw ApiException.badRequest("send exactly one of X-API-Key, X-Flowplate-Key, X-Aitronos-Hub-Key");
                }
                kind = candidate;
                secret = value;
            }
        }
        if (kind == null) {
            throw ApiException.unauthorized("missing API key header: send the key in " + HEADERS);
        }
        Optional<Caller> caller = secret.isEmpty() ? Optional.empty() : keys.authenticate(kind, secret);
        if (caller.isEmpty()) {
            throw rejected(ctx, kind, secret);
        }
        ctx.attribute(KEY_ID, caller.get().keyId());
        return caller.get();
    }

    /** The ID of the key this request authenticated with, once it has (for the access log). */
    public static Optional<String> keyIdOf(Context ctx) {
        return Optional.ofNullable(ctx.attribute(KEY_ID));
    }

    /** A key in a URL ends up in proxy logs, browser history and referrers: refused even beside a valid header. */
    private static void refuseKeyInUrl(Context ctx) {
        if (hasKeyInUrl(ctx)) {
            throw new ApiException(400, "key_in_url", "API keys are accepted only in a header, never in the URL;"
                    + " treat a key sent in a URL as leaked and revoke it");
        }
    }

    /** Whether a query parameter is named like a key header ({@code api_key}, {@code X-API-Key}, …). */
    public static boolean hasKeyInUrl(Context ctx) {
        if (ctx.queryString() == null) {
            return false; // the usual lookup: nothing to parse
        }
        for (String name : ctx.queryParamMap().keySet()) {
            if (KEY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRepeated(Context ctx, String header) {
        Enumeration<String> values = ctx.req().getHeaders(header);
        if (values == null || !values.hasMoreElements()) {
            return false;
        }
        values.nextElement();
        return values.hasMoreElements();
    }

    /**
     * A key that is valid in another header is told which one (its kind names it); any other secret is
     * refused naming the three headers. Both count as failures for the limiter.
     */
    private ApiException rejected(Context ctx, KeyKind presentedIn, String secret) {
        if (limiter.recordFailure(ctx.ip())) {
            return new ApiException(429, "too_many_requests", "too many failed authentications; slow down",
                    Map.of("Retry-After", Long.toString(limiter.retryAfterSeconds())));
        }
        Optional<KeyKind> kind = secret.isEmpty() ? Optional.empty() : keys.validKindOf(secret);
        if (kind.isPresent() && kind.get() != presentedIn) {
            return ApiException.unauthorized("this API key is of kind " + kind.get().wireName() + ": send it in "
                    + kind.get().header() + ", not " + presentedIn.header());
        }
        return ApiException.unauthorized("invalid API key; a key is accepted in the header of its kind: " + HEADERS);
    }
}
