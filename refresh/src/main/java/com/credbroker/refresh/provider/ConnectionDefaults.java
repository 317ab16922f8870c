package com.credbroker.refresh.provider;

import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.storage.credential.CredentialSecrets;

/**
 * What a connection on a template takes from it when it names none of its own: the template's
 * {@code base_url} (filled with the connection's fields and the data kept from its token response, e.g.
 * Salesforce's {@code instance_url}) and its {@code health_endpoint} as {@code test_request_endpoint}. Written
 * onto the connection when it becomes ACTIVE, so a lookup shows them and callers need no template of their own.
 */
public final class ConnectionDefaults {
    private ConnectionDefaults() {
    }

    /** {@code secrets} with the template's base URL and health endpoint where it has none; unchanged otherwise. */
    public static CredentialSecrets apply(CredentialSecrets s, ResolvedProvider provider, boolean allowInsecureUrls) {
        String baseUrl = s.baseUrl() != null ? s.baseUrl() : baseUrl(s, provider, allowInsecureUrls);
        String test = s.testRequestEndpoint() != null ? s.testRequestEndpoint() : provider.healthEndpoint();
        if (baseUrl == null && test != null && !test.contains("://")) {
            test = null; // a path relative to a base URL that could not be filled
        }
        if (java.util.Objects.equals(baseUrl, s.baseUrl()) && java.util.Objects.equals(test, s.testRequestEndpoint())) {
            return s;
        }
        return new CredentialSecrets(s.credentials(), s.idToken(), s.codeVerifier(), s.accountEmail(), s.accountId(),
                s.composioManaged(), baseUrl, test, s.callbackUrl(), s.extraHeaders(), s.queryParams(),
                s.extraData());
    }

    private static String baseUrl(CredentialSecrets s, ResolvedProvider provider, boolean allowInsecureUrls) {
        if (provider.baseUrl() == null) {
            return null;
        }
        try {
            return provider.baseUrlFor(ConnectionConfigs.of(s), allowInsecureUrls);
        } catch (ProviderException unfilled) {
            return null; // e.g. the token response did not carry the data the base URL names
        }
    }
}
