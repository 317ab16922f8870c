package com.credbroker.broker.credential;

import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.CallbackUrls;
import com.credbroker.broker.http.Ids;
import com.credbroker.broker.http.WebUrls;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.SchemeFields;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates create and patch bodies and applies them to domain records. Messages name fields, never values. */
public final class CredentialRequests {
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern HEADER_OR_PARAMETER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final long MAX_EXPIRES_IN = Duration.ofDays(3650).toSeconds();

    private CredentialRequests() {
    }

    /** A new record from a create body; {@code credentialId} and {@code now} are the server's. */
    public static Credential toNew(CredentialRequest r, String credentialId, Instant now) {
        if (Boolean.TRUE.equals(r.redacted())) {
            throw ApiException.validation("a redacted record cannot be imported: its secrets are masked");
        }
        String connectionId = Ids.connectionId(required(r.connectionId(), "connection_id"));
        AuthScheme scheme = enumOf(AuthScheme.class, required(r.authScheme(), "auth_scheme"), "auth_scheme");
        CredentialStatus status = r.status() == null ? CredentialStatus.ACTIVE
                : enumOf(CredentialStatus.class, r.status(), "status");
        Credential c = new Credential(credentialId, connectionId, status, appName(required(r.appName(), "app_name")),
                scheme, bounded(r.entityId(), "entity_id", 256), bounded(r.authConfigId(), "auth_config_id", 64),
                Boolean.TRUE.equals(r.disabled()), expiresAt(r, now, null), now, now,
                bounded(r.statusReason(), "status_reason", 1024), 0, secrets(r, CredentialSecrets.empty(), Set.of(), true));
        return checked(c);
    }

    /** Applies the fields present in a patch body; absent fields keep their stored values. */
    public static Credential applyPatch(Credential c, CredentialRequest r, Set<String> present, Instant now) {
        if (Boolean.TRUE.equals(r.redacted())) {
            throw ApiException.validation("a redacted record cannot be written back: its secrets are masked");
        }
        if (present.contains("connection_id") && !c.connectionId().equals(r.connectionId())) {
            throw ApiException.validation("connection_id cannot be changed");
        }
        Credential next = new Credential(c.credentialId(), c.connectionId(),
                present.contains("status") ? enumOf(CredentialStatus.class, r.status(), "status") : c.status(),
                present.contains("app_name") ? appName(required(r.appName(), "app_name")) : c.appName(),
                present.contains("auth_scheme") ? enumOf(AuthScheme.class, r.authScheme(), "auth_scheme") : c.authScheme(),
                present.contains("entity_id") ? bounded(r.entityId(), "entity_id", 256) : c.entityId(),
                present.contains("auth_config_id") ? bounded(r.authConfigId(), "auth_config_id", 64) : c.authConfigId(),
                present.contains("is_disabled") ? Boolean.TRUE.equals(r.disabled()) : c.disabled(),
                patchedExpiry(c, r, present, now), c.createdAt(), now,
                present.contains("status_reason") ? bounded(r.statusReason(), "status_reason", 1024) : c.statusReason(),
                c.version(), secrets(r, c.secrets(), present, false));
        return checked(next);
    }

    private static Instant patchedExpiry(Credential c, CredentialRequest r, Set<String> present, Instant now) {
        boolean touched = present.contains("expires_at")
                || (r.credentials() != null && r.credentials().containsKey("expires_in"));
        return touched ? expiresAt(r, now, null) : c.expiresAt();
    }

    private static CredentialSecrets secrets(CredentialRequest r, CredentialSecrets old, Set<String> present,
            boolean create) {
        CredentialSecrets next = written(r, old, present, create);
        boolean targetWritten = create || present.contains("base_url") || present.contains("test_request_endpoint");
        if (targetWritten && next.baseUrl() == null && next.testRequestEndpoint() != null
                && WebUrls.isRelativePath(next.testRequestEndpoint())) {
            throw ApiException.validation("a relative test_request_endpoint needs a base_url");
        }
        return next;
    }

    private static CredentialSecrets written(CredentialRequest r, CredentialSecrets old, Set<String> present,
            boolean create) {
        return new CredentialSecrets(
                r.credentials() != null ? mergedCredentials(old.credentials(), r.credentials(), create) : old.credentials(),
                pick(create, present, "id_token", r.idToken(), old.idToken()),
                pick(create, present, "code_verifier", r.codeVerifier(), old.codeVerifier()),
                pick(create, present, "account_email", bounded(r.accountEmail(), "account_email", 320), old.accountEmail()),
                pick(create, present, "account_id", bounded(r.accountId(), "account_id", 256), old.accountId()),
                r.composioManaged() != null ? r.composioManaged() : old.composioManaged(),
                pick(create, present, "base_url", WebUrls.absoluteOrNull(r.baseUrl(), "base_url"), old.baseUrl()),
                pick(create, present, "test_request_endpoint", WebUrls.absoluteOrPathOrNull(r.testRequestEndpoint(),
                        "test_request_endpoint"), old.testRequestEndpoint()),
                pick(create, present, "callback_url", CallbackUrls.requireOrNull(r.callbackUrl()), old.callbackUrl()),
                r.extraHeaders() != null ? r.extraHeaders() : old.extraHeaders(),
                r.queryParams() != null ? r.queryParams() : old.queryParams(),
                r.extraData() != null ? r.extraData() : old.extraData());
    }

    private static <T> T pick(boolean create, Set<String> present, String field, T given, T old) {
        return create || present.contains(field) ? given : old;
    }

    /** New credential fields replace or add keys; a key set to null is removed. {@code expires_in} is never stored. */
    private static Map<String, Object> mergedCredentials(Map<String, Object> old, Map<String, Object> given,
            boolean replace) {
        Map<String, Object> out = new LinkedHashMap<>(replace ? Map.of() : old);
        given.forEach((key, value) -> {
            if (value == null) {
                out.remove(key);
            } else if (!"expires_in".equals(key)) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static Instant expiresAt(CredentialRequest r, Instant now, Instant fallback) {
        if (r.expiresAt() != null) {
            try {
                return OffsetDateTime.parse(r.expiresAt()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.validation("expires_at must be an ISO-8601 timestamp such as 2025-11-15T10:30:00Z");
            }
        }
        Object expiresIn = r.credentials() == null ? null : r.credentials().get("expires_in");
        return expiresIn == null ? fallback : now.plusSeconds(seconds(expiresIn));
    }

    private static long seconds(Object expiresIn) {
        try {
            BigDecimal value = new BigDecimal(expiresIn.toString().trim());
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(MAX_EXPIRES_IN)) > 0) {
                throw new NumberFormatException();
            }
            return value.longValue();
        } catch (NumberFormatException e) {
            throw ApiException.validation("credentials.expires_in must be a number of seconds between 0 and "
                    + MAX_EXPIRES_IN);
        }
    }

    /**
     * An ACTIVE connection carries its scheme's credential fields ({@link SchemeFields}) as non-empty
     * strings; only OAUTH2 can be INITIATED (born in the connect flow).
     */
    private static Credential checked(Credential c) {
        if (c.status() == CredentialStatus.INITIATED && c.authScheme() != AuthScheme.OAUTH2) {
            throw ApiException.validation("only an OAUTH2 connection can be INITIATED");
        }
        if (c.status() == CredentialStatus.ACTIVE) {
            for (String field : SchemeFields.required(c.authScheme())) {
                if (SchemeFields.text(c.secrets(), field) == null) {
                    throw ApiException.validation("an ACTIVE " + c.authScheme() + " connection needs credentials."
                            + field);
                }
            }
        }
        return c.authScheme() == AuthScheme.API_KEY ? checkedApiKey(c) : c.authScheme() == AuthScheme.BASIC
                ? checkedBasic(c) : c;
    }

    private static Credential checkedApiKey(Credential c) {
        Map<String, Object> fields = c.secrets().credentials();
        for (String name : new String[] {SchemeFields.HEADER_NAME, SchemeFields.QUERY_PARAM_NAME}) {
            Object value = fields.get(name);
            if (value != null && !(value instanceof String text && HEADER_OR_PARAMETER.matcher(text).matches())) {
                throw ApiException.validation("credentials." + name + " must be 1-64 characters of A-Z a-z 0-9 - _ .");
            }
        }
        if (fields.get(SchemeFields.HEADER_NAME) != null && fields.get(SchemeFields.QUERY_PARAM_NAME) != null) {
            throw ApiException.validation("credentials.header_name and credentials.query_param_name exclude each other");
        }
        return c;
    }

    private static Credential checkedBasic(Credential c) {
        String user = SchemeFields.text(c.secrets(), SchemeFields.USERNAME);
        if (user != null && user.contains(":")) {
            throw ApiException.validation("credentials.username must not contain ':' (RFC 7617)");
        }
        return c;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(field + " is required");
        }
        return value;
    }

    private static String appName(String value) {
        if (!APP_NAME.matcher(value).matches()) {
            throw ApiException.validation("app_name must be 1-128 characters of A-Z a-z 0-9 . _ -");
        }
        return value;
    }

    private static String bounded(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.validation(field + " must be at most " + max + " characters");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
