package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Auth configs for token client tests: client {@code client-1}, secret {@code s3cret} unless public. */
final class TestAuthConfigs {
    static final String CLIENT_ID = "client-1";
    static final String CLIENT_SECRET = "s3cret";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private TestAuthConfigs() {
    }

    static AuthConfig authConfig(URI tokenEndpoint, ClientAuthMethod method) {
        return authConfig(tokenEndpoint, method, method.needsSecret() ? CLIENT_SECRET : null);
    }

    /** The textbook provider view ({@link ResolvedProvider#of}) of {@link #authConfig(URI, ClientAuthMethod)}. */
    static ResolvedProvider provider(URI tokenEndpoint, ClientAuthMethod method) {
        return ResolvedProvider.of(authConfig(tokenEndpoint, method));
    }

    static ResolvedProvider provider(URI tokenEndpoint, ClientAuthMethod method, String clientSecret) {
        return ResolvedProvider.of(authConfig(tokenEndpoint, method, clientSecret));
    }

    /** The config has scopes, so a test can show they are not sent on refresh. */
    static AuthConfig authConfig(URI tokenEndpoint, ClientAuthMethod method, String clientSecret) {
        return new AuthConfig("ac_test", "test-app", tokenEndpoint, null, null, CLIENT_ID, clientSecret, method,
                List.of("repo", "read:user"), null, CREATED, CREATED, 1);
    }
}
