package com.credbroker.broker.credential;

import com.credbroker.broker.authconfig.ProviderChecks;
import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.CallbackUrls;
import com.credbroker.broker.http.Ids;
import com.credbroker.broker.http.WebUrls;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
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

/**
 * Validates create and patch bodies (field formats) and applies them to domain records. The record rules
 * (which schemes may be INITIATED, the fields an ACTIVE record needs, …) are the domain's: {@link
 * com.credbroker.storage.credential.CredentialRules}, checked when the record is built. Messages name
 * fields, never values.
 */
public final class CredentialRequests {
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
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
        return Credential.builder().credentialId(credentialId).connectionId(connectionId).status(status)
                .appName(appName(required(r.appName(), "app_name"))).authScheme(scheme)
                .entityId(bounded(r.entityId(), "entity_id", 256))
                .authConfigId(bounded(r.authConfigId(), "auth_config_id", 64))
                .disabled(Boolean.TRUE.equals(r.disabled())).expiresAt(expiresAt(r, now, null)).createdAndUpdatedAt(now)
                .statusReason(bounded(r.statusReason(), "status_reason", 1024))
                .secrets(secrets(r, CredentialSecrets.empty(), Set.of(), true)).build();
    }

    /** Applies the fields present in a patch body; absent fields keep their stored values. */
    public static Credential applyPatch(Credential c, CredentialRequest r, Set<String> present, Instant now) {
        if (Boolean.TRUE.equals(r.redacted())) {
            throw ApiException.validation("a redacted record cannot be written back: its secrets are masked");
        }
        if (present.contains("connection_id") && !c.connectionId().equals(r.connectionId())) {
            throw ApiException.validation("connection_id cannot be changed");
        }
        return c.toBuilder()
                .status(present.contains("status") ? enumOf(CredentialStatus.class, r.status(), "status") : c.status())
                .appName(present.contains("app_name") ? appName(required(r.appName(), "app_name")) : c.appName())
                .authScheme(present.contains("auth_scheme") ? enumOf(AuthScheme.class, r.authScheme(), "auth_scheme")
                        : c.authScheme())
                .entityId(present.contains("entity_id") ? bounded(r.entityId(), "entity_id", 256) : c.entityId())
                .authConfigId(present.contains("auth_config_id") ? bounded(r.authConfigId(), "auth_config_id", 64)
                        : c.authConfigId())
                .disabled(present.contains("is_disabled") ? Boolean.TRUE.equals(r.disabled()) : c.disabled())
                .expiresAt(patchedExpiry(c, r, present, now)).updatedAt(now)
                .statusReason(present.contains("status_reason") ? bounded(r.statusReason(), "status_reason", 1024)
                        : c.statusReason())
                .secrets(secrets(r, c.secrets(), present, false)).build();
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
                extraData(r, old.extraData()));
    }

    /**
     * The extra data written: the body's (else the stored), with {@code connection_config} put in as
     * {@code extra_data.connection_config} (refused when the body's extra data holds a different one).
     */
    private static Map<String, Object> extraData(CredentialRequest r, Map<String, Object> old) {
        Map<String, Object> base = r.extraData() != null ? r.extraData() : old;
        if (r.connectionConfig() == null) {
            return base;
        }
        Object inExtra = r.extraData() == null ? null : r.extraData().get(ProviderChecks.CONNECTION_CONFIG);
        if (inExtra != null && !inExtra.equals(r.connectionConfig())) {
            throw ApiException.validation("connection_config and extra_data.connection_config differ; send one");
        }
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.put(ProviderChecks.CONNECTION_CONFIG, r.connectionConfig());
        return out;
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
