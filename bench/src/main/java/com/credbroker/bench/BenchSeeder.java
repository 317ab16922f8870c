package com.credbroker.bench;

import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the benchmark's auth configs and OAuth2 connections through the broker's own repositories
 * (sealed payloads, like any stored connection), and checks afterwards what the refreshes left.
 * Connection {@code i} of a run with prefix {@code p} is {@code conn_<p>_<i>} with access token
 * {@code old-access-<p>-<i>} and refresh token {@code rt-<p>-<i>}; the stub answers a refresh with
 * an {@code at-<n>} access token, the refresh token plus {@code -r}, and {@code expires_in} 3600.
 */
final class BenchSeeder {
    private final AuthConfigRepository authConfigs;
    private final CredentialRepository credentials;
    private final Clock clock;

    BenchSeeder(AuthConfigRepository authConfigs, CredentialRepository credentials, Clock clock) {
        this.authConfigs = authConfigs;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** {@code count} auth configs on {@code tokenUrl} with client_secret_basic, like a typical provider. */
    List<AuthConfig> authConfigs(String prefix, int count, URI tokenUrl) {
        List<AuthConfig> created = new ArrayList<>(count);
        Instant now = clock.instant();
        for (int i = 0; i < count; i++) {
            String id = "ac_" + prefix + String.format("%016d", i);
            created.add(authConfigs.create(new AuthConfig(id, "bench-app", tokenUrl, null, null, "client-" + i,
                    "client-secret-" + i, ClientAuthMethod.CLIENT_SECRET_BASIC, List.of("read"), null, now, now, 0)));
        }
        return created;
    }

    /** Connection {@code i} of {@code prefix}, on auth config {@code i mod configs}, expiring at {@code expiresAt}. */
    Credential connection(String prefix, int i, List<AuthConfig> configs, Instant expiresAt) {
        Instant now = clock.instant();
        Map<String, Object> fields = Map.of("access_token", oldAccessToken(prefix, i),
                "refresh_token", refreshToken(prefix, i), "token_type", "Bearer");
        CredentialSecrets secrets = new CredentialSecrets(fields, null, null, null, null, false, null, null, null,
                null, null, null);
        Credential credential = Credential.builder().credentialId("cred_" + prefix + String.format("%020d", i))
                .connectionId(connectionId(prefix, i)).status(CredentialStatus.ACTIVE).appName("bench-app")
                .authScheme(AuthScheme.OAUTH2).entityId("user-" + i).authConfigId(configs.get(i % configs.size())
                        .authConfigId()).expiresAt(expiresAt).createdAndUpdatedAt(now).secrets(secrets).build();
        return credentials.upsert(credential).credential();
    }

    static String connectionId(String prefix, int i) {
        return "conn_" + prefix + "_" + i;
    }

    static String oldAccessToken(String prefix, int i) {
        return "old-access-" + prefix + "-" + i;
    }

    static String refreshToken(String prefix, int i) {
        return "rt-" + prefix + "-" + i;
    }

    /**
     * Counts the connections {@code 0..count-1} the database holds as refreshed exactly once: ACTIVE,
     * a new {@code at-} access token, the refresh token rotated once ({@code -r}), and an expiry at
     * least {@code minExpiry}.
     */
    int countRefreshed(String prefix, int count, Instant minExpiry) {
        int refreshed = 0;
        for (int i = 0; i < count; i++) {
            Optional<Credential> found = credentials.findByConnectionId(connectionId(prefix, i));
            if (found.isPresent() && refreshedOnce(found.get(), prefix, i, minExpiry)) {
                refreshed++;
            }
        }
        return refreshed;
    }

    private static boolean refreshedOnce(Credential c, String prefix, int i, Instant minExpiry) {
        Map<String, Object> fields = c.secrets().credentials();
        Object access = fields.get("access_token");
        return c.status() == CredentialStatus.ACTIVE
                && access instanceof String token && token.startsWith("at-")
                && (refreshToken(prefix, i) + "-r").equals(fields.get("refresh_token"))
                && c.expiresAt() != null && !c.expiresAt().isBefore(minExpiry);
    }
}
