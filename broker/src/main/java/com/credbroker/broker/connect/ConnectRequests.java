package com.credbroker.broker.connect;

import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.CallbackUrls;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates initiate bodies and callback parameters. Messages name a field and a rule, never a value.
 * Callback values come from a browser and are untrusted.
 */
final class ConnectRequests {
    private static final int MAX_SCOPES = 100;
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,256}");
    /** The states this broker issues are base64url; anything else is refused before a query. */
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    /** RFC 6749 VSCHAR, bounded. */
    private static final Pattern CODE = Pattern.compile("[\\x20-\\x7E]{1,4096}");

    private ConnectRequests() {
    }

    /** The callback URL of an initiate body: required, and following {@link CallbackUrls}. */
    static URI callbackUrl(String value) {
        return CallbackUrls.require(value);
    }

    /** The requested scopes, or {@code fallback} when none were given. */
    static List<String> scopes(List<String> value, List<String> fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.size() > MAX_SCOPES || value.stream().anyMatch(s -> s == null || !SCOPE_TOKEN.matcher(s).matches())) {
            throw ApiException.validation("scopes must list at most " + MAX_SCOPES + " scopes of 1-256 printable"
                    + " ASCII characters without spaces, quotes or backslashes");
        }
        return List.copyOf(value);
    }

    static String entityId(String value) {
        if (value != null && (value.isEmpty() || value.length() > 256)) {
            throw ApiException.validation("entity_id must be 1-256 characters");
        }
        return value;
    }

    /** The state parameter, or a 400 that says nothing about which states exist. */
    static String state(String value) {
        if (value == null || !STATE.matcher(value).matches()) {
            throw invalidState();
        }
        return value;
    }

    /** The code parameter; null when absent (an error callback), 400 when malformed. */
    static String code(String value) {
        if (value != null && !CODE.matcher(value).matches()) {
            throw ApiException.badRequest("code must be 1-4096 printable ASCII characters");
        }
        return value;
    }

    static ApiException invalidState() {
        return new ApiException(400, "invalid_state", "the state is unknown, expired or already used;"
                + " start the connection again");
    }
}
