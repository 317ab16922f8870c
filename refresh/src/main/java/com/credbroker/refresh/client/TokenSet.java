package com.credbroker.refresh.client;

import com.credbroker.storage.credential.CredentialSecrets;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens from a successful token response, already validated. {@code toString()} never shows a value.
 *
 * @param refreshToken      null when the provider did not send one (the old one is kept)
 * @param scope             null when the provider did not send one
 * @param expiresInSeconds  null when the provider did not send {@code expires_in}; otherwise 1 .. 10 years
 * @param idToken           null unless the provider sent an OpenID Connect ID token
 * @param extras            other top-level response parameters (never the fields above)
 * @param connectionData    values the provider's {@code connection_data} keeps from the response (name -> text),
 *                          stored into the connection's {@code extra_data.connection_config}; empty for none
 */
public record TokenSet(
        String accessToken,
        String refreshToken,
        String tokenType,
        String scope,
        Long expiresInSeconds,
        String idToken,
        Map<String, Object> extras,
        Map<String, String> connectionData) {

    public TokenSet {
        extras = extras == null ? Map.of() : Map.copyOf(extras);
        connectionData = connectionData == null ? Map.of() : Map.copyOf(connectionData);
    }

    /** Tokens without connection data. */
    public TokenSet(String accessToken, String refreshToken, String tokenType, String scope, Long expiresInSeconds,
            String idToken, Map<String, Object> extras) {
        this(accessToken, refreshToken, tokenType, scope, expiresInSeconds, idToken, extras, Map.of());
    }

    /**
     * The connection's secrets with these tokens in: access token, token type, extras, and the refresh
     * token, scope and ID token when sent (otherwise the old ones stay); the connection data merged into
     * {@code extra_data.connection_config}. {@code expires_in} is never kept: expiry lives in the record.
     */
    public CredentialSecrets mergedInto(CredentialSecrets old) {
        Map<String, Object> credentials = new HashMap<>(old.credentials());
        credentials.remove("expires_in");
        credentials.putAll(extras);
        credentials.put("access_token", accessToken);
        credentials.put("token_type", tokenType);
        if (refreshToken != null) {
            credentials.put("refresh_token", refreshToken);
        }
        if (scope != null) {
            credentials.put("scope", scope);
        }
        return new CredentialSecrets(credentials, idToken != null ? idToken : old.idToken(), old.codeVerifier(),
                old.accountEmail(), old.accountId(), old.composioManaged(), old.baseUrl(), old.testRequestEndpoint(),
                old.callbackUrl(), old.extraHeaders(), old.queryParams(),
                ConnectionConfigs.withCaptured(old.extraData(), connectionData));
    }

    @Override
    public String toString() {
        return "TokenSet[tokenType=" + tokenType + ", expiresIn=" + expiresInSeconds + ", refreshToken="
                + (refreshToken == null ? "absent" : "present") + ", values=[REDACTED]]";
    }
}
