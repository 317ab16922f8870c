package com.credbroker.refresh.client;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.minidev.json.JSONObject;

/**
 * Validates the JSON object of a 2xx token response and builds the {@link TokenSet} from Nimbus's
 * {@link AccessTokenResponse}. Nimbus alone is not enough: it reads an absent {@code expires_in} as 0,
 * accepts {@code "-5"} as a string, rejects the whole response for {@code "refresh_token": ""} or
 * {@code "expires_in": null}, and cannot say which field was wrong. So the fields are checked and
 * normalised first (blank or null optional fields mean absent), then Nimbus parses. Stateless.
 */
final class TokenSetReader {
    /** Ten years: a longer lifetime is a provider bug, not a token to keep. */
    static final long MAX_EXPIRES_IN = 315_360_000L;
    private static final Set<String> STANDARD =
            Set.of("access_token", "token_type", "expires_in", "refresh_token", "scope", "id_token");
    /** A list, not a set: {@link AccessTokenType#equals} ignores case but its hash code does not. */
    private static final List<AccessTokenType> KNOWN_TYPES =
            List.of(AccessTokenType.BEARER, AccessTokenType.DPOP, AccessTokenType.N_A);

    private TokenSetReader() {
    }

    static TokenResult read(JSONObject body, int status) {
        JSONObject json = new JSONObject(body);
        TokenResult.Failure invalid = normalise(json, status);
        if (invalid != null) {
            return invalid;
        }
        try {
            return new TokenResult.Success(toTokenSet(AccessTokenResponse.parse(json), json));
        } catch (ParseException | RuntimeException rejected) {
            // The message may quote response values; it is deliberately not kept.
            return bad(status, "bad_response", "token response rejected by the OAuth parser");
        }
    }

    /** Checks and normalises the standard fields in place; the first problem found, or null. */
    private static TokenResult.Failure normalise(JSONObject json, int status) {
        if (!(json.get("access_token") instanceof String accessToken) || accessToken.isBlank()) {
            return bad(status, "missing_access_token", "token response has no access_token");
        }
        TokenResult.Failure problem = checkTokenType(json.get("token_type"), status);
        if (problem == null) {
            problem = normaliseExpiresIn(json, status);
        }
        if (problem == null) {
            problem = normaliseScope(json, status);
        }
        if (problem == null) {
            problem = normaliseOptionalString(json, "refresh_token", status);
        }
        return problem == null ? normaliseOptionalString(json, "id_token", status) : problem;
    }

    private static TokenResult.Failure checkTokenType(Object tokenType, int status) {
        if (tokenType == null || tokenType instanceof String text && text.isBlank()) {
            return bad(status, "missing_token_type", "token response has no token_type");
        }
        if (!(tokenType instanceof String text) || !KNOWN_TYPES.contains(new AccessTokenType(text))) {
            return bad(status, "unknown_token_type", "token_type is not Bearer, DPoP or N_A");
        }
        return null;
    }

    private static TokenResult.Failure normaliseExpiresIn(JSONObject json, int status) {
        Object value = json.get("expires_in");
        if (value == null) {
            json.remove("expires_in");
            return null;
        }
        Long seconds = expiresIn(value);
        if (seconds == null) {
            return bad(status, "invalid_expires_in", "expires_in must be an integer from 1 to " + MAX_EXPIRES_IN);
        }
        json.put("expires_in", seconds);
        return null;
    }

    /** An integral number (or a string of digits, as form bodies carry) within 1 .. 10 years; else null. */
    static Long expiresIn(Object value) {
        BigDecimal number;
        try {
            if (value instanceof Number) {
                number = new BigDecimal(value.toString());
            } else if (value instanceof String text && text.strip().matches("[0-9]{1,19}")) {
                number = new BigDecimal(text.strip());
            } else {
                return null;
            }
        } catch (NumberFormatException notFinite) {
            return null;
        }
        boolean integral = number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
        if (!integral || number.signum() <= 0 || number.compareTo(BigDecimal.valueOf(MAX_EXPIRES_IN)) > 0) {
            return null;
        }
        return number.longValueExact();
    }

    /** A string, or an array of strings joined by spaces; blank means absent. */
    private static TokenResult.Failure normaliseScope(JSONObject json, int status) {
        Object scope = json.get("scope");
        if (scope instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            scope = String.join(" ", list.stream().map(String.class::cast).toList());
        }
        if (scope == null || scope instanceof String text && text.isBlank()) {
            json.remove("scope");
            return null;
        }
        if (!(scope instanceof String text)) {
            // Not "invalid_scope": that is the OAuth error code for a refused scope.
            return bad(status, "malformed_scope", "scope is neither a string nor an array of strings");
        }
        json.put("scope", text.strip());
        return null;
    }

    /** Absent, JSON null and blank all mean "not sent"; another non-string is a bad response. */
    private static TokenResult.Failure normaliseOptionalString(JSONObject json, String name, int status) {
        Object value = json.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            json.remove(name);
            return null;
        }
        return value instanceof String ? null : bad(status, "invalid_" + name, name + " is not a string");
    }

    private static TokenSet toTokenSet(AccessTokenResponse response, JSONObject json) {
        AccessToken accessToken = response.getTokens().getAccessToken();
        RefreshToken refreshToken = response.getTokens().getRefreshToken();
        return new TokenSet(
                accessToken.getValue(),
                refreshToken == null ? null : refreshToken.getValue(),
                accessToken.getType().getValue(),
                (String) json.get("scope"),
                (Long) json.get("expires_in"),
                (String) json.get("id_token"),
                extras(response.getCustomParameters()));
    }

    /** Non-standard top-level parameters, deeply unmodifiable; top-level nulls are dropped. */
    private static Map<String, Object> extras(Map<String, Object> custom) {
        Map<String, Object> extras = new LinkedHashMap<>();
        custom.forEach((name, value) -> {
            if (!STANDARD.contains(name) && value != null) {
                extras.put(name, freeze(value));
            }
        });
        return extras;
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static TokenResult.Failure bad(int status, String code, String description) {
        return new TokenResult.Failure(FailureClass.BAD_RESPONSE, code, description, null, status);
    }
}
