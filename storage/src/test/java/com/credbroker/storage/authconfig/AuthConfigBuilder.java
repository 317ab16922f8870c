package com.credbroker.storage.authconfig;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data builder for {@link AuthConfig}: a confidential GitHub-like client; override what a test is about. */
public final class AuthConfigBuilder {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");

    private String authConfigId = "ac_" + UUID.randomUUID().toString().replace("-", "");
    private String appName = "github";
    private URI tokenEndpoint = URI.create("https://github.com/login/oauth/access_token");
    private URI authorizationEndpoint = URI.create("https://github.com/login/oauth/authorize");
    private URI revocationEndpoint;
    private String clientId = "Iv1.client-" + UUID.randomUUID();
    private String clientSecret = "client-secret-" + UUID.randomUUID();
    private ClientAuthMethod clientAuthMethod = ClientAuthMethod.CLIENT_SECRET_BASIC;
    private List<String> scopes = List.of("repo", "read:user");
    private String refreshBlockedReason;
    private Instant createdAt = T0;
    private Instant updatedAt = T0;
    private long version;
    private TemplateBinding template;

    public static AuthConfigBuilder anAuthConfig() {
        return new AuthConfigBuilder();
    }

    /** A builder holding every field of {@code config}, to change one or two. */
    public static AuthConfigBuilder from(AuthConfig c) {
        AuthConfigBuilder b = new AuthConfigBuilder();
        b.authConfigId = c.authConfigId();
        b.appName = c.appName();
        b.tokenEndpoint = c.tokenEndpoint();
        b.authorizationEndpoint = c.authorizationEndpoint();
        b.revocationEndpoint = c.revocationEndpoint();
        b.clientId = c.clientId();
        b.clientSecret = c.clientSecret();
        b.clientAuthMethod = c.clientAuthMethod();
        b.scopes = c.scopes();
        b.refreshBlockedReason = c.refreshBlockedReason();
        b.createdAt = c.createdAt();
        b.updatedAt = c.updatedAt();
        b.version = c.version();
        b.template = c.template();
        return b;
    }

    public AuthConfigBuilder authConfigId(String value) { authConfigId = value; return this; }
    public AuthConfigBuilder appName(String value) { appName = value; return this; }
    public AuthConfigBuilder tokenEndpoint(String value) { tokenEndpoint = uri(value); return this; }
    public AuthConfigBuilder authorizationEndpoint(String value) { authorizationEndpoint = uri(value); return this; }
    public AuthConfigBuilder revocationEndpoint(String value) { revocationEndpoint = uri(value); return this; }
    public AuthConfigBuilder clientId(String value) { clientId = value; return this; }
    public AuthConfigBuilder clientSecret(String value) { clientSecret = value; return this; }
    public AuthConfigBuilder clientAuthMethod(ClientAuthMethod value) { clientAuthMethod = value; return this; }
    public AuthConfigBuilder scopes(List<String> value) { scopes = value; return this; }
    public AuthConfigBuilder refreshBlockedReason(String value) { refreshBlockedReason = value; return this; }
    public AuthConfigBuilder createdAt(Instant value) { createdAt = value; return this; }
    public AuthConfigBuilder updatedAt(Instant value) { updatedAt = value; return this; }
    public AuthConfigBuilder version(long value) { version = value; return this; }
    public AuthConfigBuilder template(TemplateBinding value) { template = value; return this; }

    /**
     * A config on the provider template {@code provider}: no endpoints of its own (the template gives them),
     * with {@code overrides} and fixed {@code connectionFields}.
     */
    public AuthConfigBuilder provider(String provider, Map<String, Object> overrides,
            Map<String, String> connectionFields) {
        template = new TemplateBinding(provider, overrides, connectionFields);
        tokenEndpoint = null;
        authorizationEndpoint = null;
        revocationEndpoint = null;
        return this;
    }

    /** A public client: method {@code none}, no secret. */
    public AuthConfigBuilder publicClient() {
        clientAuthMethod = ClientAuthMethod.NONE;
        clientSecret = null;
        return this;
    }

    public AuthConfig build() {
        return new AuthConfig(authConfigId, appName, tokenEndpoint, authorizationEndpoint, revocationEndpoint,
                clientId, clientSecret, clientAuthMethod, scopes, refreshBlockedReason, createdAt, updatedAt,
                version, template);
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value);
    }
}
