package com.credbroker.storage.testing;

import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.SchemeFields;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Test data builder for {@link Credential}: sensible defaults, override what a test is about. Delegates to
 * {@link Credential#builder()}, so the record obeys the domain's rules (a non-OAuth scheme gets its required
 * fields with random values).
 */
public final class CredentialBuilder {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");

    private String credentialId = "cred_" + UUID.randomUUID().toString().replace("-", "");
    private String connectionId = "conn_" + UUID.randomUUID();
    private CredentialStatus status = CredentialStatus.ACTIVE;
    private String appName = "github";
    private AuthScheme authScheme = AuthScheme.OAUTH2;
    private String entityId = "user-1";
    private String authConfigId = "ac_1";
    private boolean disabled;
    private Instant expiresAt = T0.plusSeconds(3600);
    private Instant createdAt = T0;
    private Instant updatedAt = T0;
    private String statusReason;
    private long version;
    private String accessToken = "gho_access_" + UUID.randomUUID();
    private String refreshToken = "ghr_refresh_" + UUID.randomUUID();
    private String accountEmail = "someone@example.com";
    private Map<String, String> extraHeaders = Map.of();

    public static CredentialBuilder aCredential() {
        return new CredentialBuilder();
    }

    public CredentialBuilder credentialId(String value) { credentialId = value; return this; }
    public CredentialBuilder connectionId(String value) { connectionId = value; return this; }
    public CredentialBuilder status(CredentialStatus value) { status = value; return this; }
    public CredentialBuilder appName(String value) { appName = value; return this; }
    public CredentialBuilder authScheme(AuthScheme value) { authScheme = value; return this; }
    public CredentialBuilder entityId(String value) { entityId = value; return this; }
    public CredentialBuilder authConfigId(String value) { authConfigId = value; return this; }
    public CredentialBuilder disabled(boolean value) { disabled = value; return this; }
    public CredentialBuilder expiresAt(Instant value) { expiresAt = value; return this; }
    public CredentialBuilder createdAt(Instant value) { createdAt = value; return this; }
    public CredentialBuilder updatedAt(Instant value) { updatedAt = value; return this; }
    public CredentialBuilder statusReason(String value) { statusReason = value; return this; }
    public CredentialBuilder version(long value) { version = value; return this; }
    public CredentialBuilder accessToken(String value) { accessToken = value; return this; }
    /** Null leaves {@code refresh_token} out of the credentials map. */
    public CredentialBuilder refreshToken(String value) { refreshToken = value; return this; }
    public CredentialBuilder accountEmail(String value) { accountEmail = value; return this; }
    public CredentialBuilder extraHeaders(Map<String, String> value) { extraHeaders = value; return this; }

    public Credential build() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("access_token", accessToken);
        if (refreshToken != null) {
            fields.put("refresh_token", refreshToken);
        }
        fields.put("token_type", "bearer");
        fields.put("scope", "repo read:user");
        // Other schemes keep the OAuth fields above (a stray refresh token must not make them refreshable)
        // and get their own required fields, so that an ACTIVE record obeys the domain's rules.
        for (String field : SchemeFields.required(authScheme)) {
            fields.putIfAbsent(field, field + "-" + UUID.randomUUID());
        }
        CredentialSecrets secrets = new CredentialSecrets(fields, "id." + accessToken, "verifier-" + refreshToken,
                accountEmail, "acct-42", false, "https://api.github.com", "/user", "https://app.example/cb",
                extraHeaders, Map.of("tenant", "t1"), Map.of("note", "imported"));
        return Credential.builder().credentialId(credentialId).connectionId(connectionId).status(status)
                .appName(appName).authScheme(authScheme).entityId(entityId).authConfigId(authConfigId)
                .disabled(disabled).expiresAt(expiresAt).createdAt(createdAt).updatedAt(updatedAt)
                .statusReason(statusReason).version(version).secrets(secrets).build();
    }
}
