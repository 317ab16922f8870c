package com.credbroker.storage.credential;

import java.util.Map;

/**
 * Everything about a connection that is stored only inside the encrypted payload.
 * Maps are never null (empty when absent). {@code toString()} never shows a value.
 *
 * @param credentials   the scheme's fields: for OAUTH2 {@code access_token}, {@code refresh_token},
 *                      {@code token_type}, {@code scope}, provider extras (never {@code expires_in}:
 *                      expiry lives in {@link Credential#expiresAt()})
 */
public record CredentialSecrets(
        Map<String, Object> credentials,
        String idToken,
        String codeVerifier,
        String accountEmail,
        String accountId,
        boolean composioManaged,
        String baseUrl,
        String testRequestEndpoint,
        String callbackUrl,
        Map<String, String> extraHeaders,
        Map<String, String> queryParams,
        Map<String, Object> extraData) {

    public CredentialSecrets {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
        queryParams = queryParams == null ? Map.of() : Map.copyOf(queryParams);
        extraData = extraData == null ? Map.of() : Map.copyOf(extraData);
    }

    public static CredentialSecrets empty() {
        return new CredentialSecrets(null, null, null, null, null, false, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "CredentialSecrets[credentials=" + credentials.keySet() + ", values=[REDACTED]]";
    }
}
