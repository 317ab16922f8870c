package com.credbroker.refresh.client;

import com.credbroker.storage.credential.CredentialSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection's {@code extra_data.connection_config}: its per-connection template fields and the values kept
 * from token responses ({@code connection_data}, e.g. Salesforce's {@code instance_url}). The provider resolver
 * reads it; code exchanges and refreshes add to it. Only string values count (a number is read as its text).
 * Stateless.
 */
public final class ConnectionConfigs {
    /** The key under {@code extra_data}. */
    public static final String KEY = "connection_config";
    /**
     * The reserved key of the {@code redirect_uri} a code exchange used, kept for providers whose refresh repeats
     * it ({@code refresh_redirect_uri}). No connection field or connection data can have this name (they start
     * with a letter).
     */
    public static final String REDIRECT_URI = "_redirect_uri";

    private ConnectionConfigs() {
    }

    /** The connection's map; empty when it has none (or it is not an object). */
    public static Map<String, String> of(CredentialSecrets secrets) {
        if (secrets == null || !(secrets.extraData().get(KEY) instanceof Map<?, ?> stored)) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        stored.forEach((name, value) -> {
            if (name instanceof String key && (value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                values.put(key, String.valueOf(value));
            }
        });
        return Map.copyOf(values);
    }

    /** The stored {@link #REDIRECT_URI}, or null when there is none or it is not an absolute URI. */
    public static java.net.URI redirectUri(CredentialSecrets secrets) {
        String stored = of(secrets).get(REDIRECT_URI);
        try {
            java.net.URI uri = stored == null ? null : new java.net.URI(stored);
            return uri != null && uri.isAbsolute() ? uri : null;
        } catch (java.net.URISyntaxException malformed) {
            return null;
        }
    }

    /** A successful exchange's tokens with {@code redirectUri} among the data kept on the connection. */
    static TokenResult withRedirectUri(TokenResult result, java.net.URI redirectUri) {
        if (!(result instanceof TokenResult.Success success) || redirectUri == null) {
            return result;
        }
        TokenSet t = success.tokens();
        Map<String, String> data = new LinkedHashMap<>(t.connectionData());
        data.put(REDIRECT_URI, redirectUri.toString());
        return new TokenResult.Success(new TokenSet(t.accessToken(), t.refreshToken(), t.tokenType(), t.scope(),
                t.expiresInSeconds(), t.idToken(), t.extras(), data));
    }

    /**
     * {@code extraData} with {@code captured} merged into its connection config (a captured value replaces the
     * stored one of the same name; the others stay). The same map when nothing was captured.
     */
    public static Map<String, Object> withCaptured(Map<String, Object> extraData, Map<String, String> captured) {
        if (captured.isEmpty()) {
            return extraData;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (extraData.get(KEY) instanceof Map<?, ?> stored) {
            stored.forEach((name, value) -> merged.put(String.valueOf(name), value));
        }
        merged.putAll(captured);
        Map<String, Object> next = new LinkedHashMap<>(extraData);
        next.put(KEY, Map.copyOf(merged));
        return next;
    }
}
