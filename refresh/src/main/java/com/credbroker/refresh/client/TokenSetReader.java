package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.DotPaths;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.LifetimeUnit;
import com.credbroker.refresh.provider.ResolvedProvider.TokenResponseShape;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.minidev.json.JSONObject;

/**
 * Validates the JSON object of a 2xx token response and builds the {@link TokenSet} from Nimbus's
 * {@link AccessTokenResponse}. Nimbus alone is not enough: it reads an absent {@code expires_in} as 0,
 * accepts {@code "-5"} as a string, rejects the whole response for {@code "refresh_token": ""} or
 * {@code "expires_in": null}, and cannot say which field was wrong. So the fields are checked and
 * normalised first (blank or null optional fields mean absent), then Nimbus parses.
 *
 * <p>The provider's {@link TokenResponseShape} says where the fields are: each standard field is first read
 * from its dot path (Slack's user token at {@code authed_user.access_token}; a path that finds nothing means
 * the field is absent). A {@code token_type} listed in the shape's {@code token_types} (compared in lower
 * case) is replaced by what it means ({@code bot} -> {@code Bearer}); an absent or blank one is refused
 * ({@code missing_token_type}) unless the shape maps the empty string ({@code "token_types": {"": "Bearer"}}:
 * the template says the provider sends none), and the result must still be Bearer, DPoP or N_A. A lifetime in
 * milliseconds is read as whole seconds (rounded down, at least one); an absent lifetime takes the shape's
 * default, if any. Values named by the provider's {@code connection_data} are captured as text (strings,
 * numbers, booleans; at most {@value #MAX_CAPTURED} characters; anything else is left out). With the standard
 * shape this is exactly the textbook reading. Stateless.
 */
final class TokenSetReader {
    /** Ten years: a longer lifetime is a provider bug, not a token to keep. */
    static final long MAX_EXPIRES_IN = 315_360_000L;
    static final int MAX_CAPTURED = 1024;
    private static final Set<String> STANDARD =
            Set.of("access_token", "token_type", "expires_in", "refresh_token", "scope", "id_token");
    /** A list, not a set: {@link AccessTokenType#equals} ignores case but its hash code does not. */
    private static final List<AccessTokenType> KNOWN_TYPES =
            List.of(AccessTokenType.BEARER, AccessTokenType.DPOP, AccessTokenType.N_A);

    private TokenSetReader() {
    }

    static TokenResult read(JSONObject body, int status, ResolvedProvider provider) {
        TokenResponseShape shape = provider.tokenResponse();
        JSONObject json = project(body, shape);
        TokenResult.Failure invalid = normalise(json, status, shape);
        if (invalid != null) {
            return invalid;
        }
        try {
            return new TokenResult.Success(toTokenSet(AccessTokenResponse.parse(json), json,
                    captured(body, provider.connectionData())));
        } catch (ParseException | RuntimeException rejected) {
            // The message may quote response values; it is deliberately not kept.
            return bad(status, "bad_response", "token response rejected by the OAuth parser");
        }
    }

    /** The value at a dot path ({@code a.b.c}) of nested JSON objects; null when any step is missing. */
    static Object at(Map<?, ?> json, String path) {
        return DotPaths.at(json, path);
    }

    /** A copy with each standard field read from where the shape puts it. */
    private static JSONObject project(JSONObject body, TokenResponseShape shape) {
        JSONObject json = new JSONObject(body);
        move(json, body, "access_token", shape.accessToken());
        move(json, body, "refresh_token", shape.refreshToken());
        move(json, body, "expires_in", shape.expiresIn());
        move(json, body, "scope", shape.scope());
        move(json, body, "token_type", shape.tokenType());
        move(json, body, "id_token", shape.idToken());
        return json;
    }

    private static void move(JSONObject json, JSONObject body, String field, String path) {
        if (field.equals(path)) {
            return;
        }
        Object value = at(body, path);
        if (value == null) {
            json.remove(field);
        } else {
            json.put(field, value);
        }
    }

    /** The connection data found in the response, as text; a value that is absent or not a scalar is left out. */
    private static Map<String, String> captured(JSONObject body, Map<String, String> connectionData) {
        Map<String, String> captured = new LinkedHashMap<>();
        connectionData.forEach((name, path) -> {
            Object value = at(body, path);
            String text = value instanceof String string ? string.strip()
                    : value instanceof Number || value instanceof Boolean ? plain(value) : null;
            if (text != null && !text.isEmpty() && text.length() <= MAX_CAPTURED) {
                captured.put(name, text);
            }
        });
        return captured;
    }

    private static String plain(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            try {
                return new BigDecimal(value.toString()).toPlainString();
            } catch (NumberFormatException notFinite) {
                return null;
            }
        }
        return String.valueOf(value);
    }

    /** Checks and normalises the standard fields in place; the first problem found, or null. */
    private static TokenResult.Failure normalise(JSONObject json, int status, TokenResponseShape shape) {
        if (!(json.get("access_token") instanceof String accessToken) || accessToken.isBlank()) {
            return bad(status, "missing_access_token", "token response has no access_token");
        }
        TokenResult.Failure problem = normaliseTokenType(json, status, shape);
        if (problem == null) {
            problem = normaliseExpiresIn(json, status, shape);
        }
        if (problem == null) {
            problem = normaliseScope(json, status);
        }
        if (problem == null) {
            problem = normaliseOptionalString(json, "refresh_token", status);
        }
        return problem == null ? normaliseOptionalString(json, "id_token", status) : problem;
    }

    /** Maps the token type through the shape, then checks it is one Nimbus knows. */
    private static TokenResult.Failure normaliseTokenType(JSONObject json, int status, TokenResponseShape shape) {
        Object tokenType = json.get("token_type");
        boolean absent = tokenType == null || tokenType instanceof String text && text.isBlank();
        String mapped = absent ? shape.tokenTypes().get("")
                : tokenType instanceof String text ? shape.tokenTypes().get(text.strip().toLowerCase(Locale.ROOT))
                : null;
        if (mapped != null) {
            json.put("token_type", mapped);
            tokenType = mapped;
        } else if (absent) {
            return bad(status, "missing_token_type", "token response has no token_type");
        }
        if (!(tokenType instanceof String text) || !KNOWN_TYPES.contains(new AccessTokenType(text))) {
            return bad(status, "unknown_token_type", "token_type is not Bearer, DPoP or N_A");
        }
        return null;
    }

    private static TokenResult.Failure normaliseExpiresIn(JSONObject json, int status, TokenResponseShape shape) {
        Object value = json.get("expires_in");
        if (value == null) {
            Long fallback = shape.defaultLifetimeSeconds() == null ? null : expiresIn(shape.defaultLifetimeSeconds());
            if (fallback == null) {
                json.remove("expires_in");
            } else {
                json.put("expires_in", fallback);
            }
            return null;
        }
        boolean millis = shape.expiresInUnit() == LifetimeUnit.MILLISECONDS;
        Long seconds = millis ? expiresInMillis(value) : expiresIn(value);
        if (seconds == null) {
            return bad(status, "invalid_expires_in", millis ? "expires_in must be an integer number of milliseconds"
                    + " from 1000 to " + MAX_EXPIRES_IN * 1000 : "expires_in must be an integer from 1 to "
                    + MAX_EXPIRES_IN);
        }
        json.put("expires_in", seconds);
        return null;
    }

    /** A lifetime in milliseconds as whole seconds (rounded down): 1 second .. 10 years; else null. */
    static Long expiresInMillis(Object value) {
        Long millis = integral(value, MAX_EXPIRES_IN * 1000);
        return millis == null || millis < 1000 ? null : millis / 1000;
    }

    /** An integral number (or a string of digits, as form bodies carry) within 1 .. 10 years; else null. */
    static Long expiresIn(Object value) {
        return integral(value, MAX_EXPIRES_IN);
    }

    /** An integral number (or a string of digits) from 1 to {@code max}; else null. */
    private static Long integral(Object value, long max) {
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
        if (!integral || number.signum() <= 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
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

    private static TokenSet toTokenSet(AccessTokenResponse response, JSONObject json,
            Map<String, String> connectionData) {
        AccessToken accessToken = response.getTokens().getAccessToken();
        RefreshToken refreshToken = response.getTokens().getRefreshToken();
        return new TokenSet(
                accessToken.getValue(),
                refreshToken == null ? null : refreshToken.getValue(),
                accessToken.getType().getValue(),
                (String) json.get("scope"),
                (Long) json.get("expires_in"),
                (String) json.get("id_token"),
                extras(response.getCustomParameters()),
                connectionData);
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
