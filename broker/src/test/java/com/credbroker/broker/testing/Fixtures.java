package com.credbroker.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reading fixtures and JSON responses; creating scoped keys through the admin API. */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String CREDENTIALS = "/v1/personal-connectors/admin/credentials";
    public static final String BY_CONNECTION = CREDENTIALS + "/by-connection/";
    public static final String API_KEYS = "/v1/personal-connectors/admin/api-keys";

    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode body(HttpResponse<String> response) {
        return json(response.body());
    }

    /** A created key: its ID and the header that carries it. */
    public record Key(String id, Map<String, String> headers) {
    }

    /** Creates a key with the given kind and scopes; returns its header map. */
    public static Map<String, String> key(Http http, String kind, String... scopes) {
        return createKey(http, kind, scopes).headers();
    }

    public static Key createKey(Http http, String kind, String... scopes) {
        String body = "{\"kind\":\"" + kind + "\",\"name\":\"test\",\"scopes\":"
                + toJson(List.of(scopes)) + "}";
        HttpResponse<String> created = http.post(API_KEYS, RunningBroker.admin(), body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("key creation failed: " + created.statusCode() + " " + created.body());
        }
        JsonNode node = body(created);
        return new Key(node.get("id").asText(), Map.of(node.get("header").asText(), node.get("secret").asText()));
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid OAuth2 create body. */
    public static String oauth2(String connectionId, String accessToken, long expiresIn) {
        return "{\"connection_id\":\"" + connectionId + "\",\"app_name\":\"github\",\"auth_scheme\":\"OAUTH2\","
                + "\"entity_id\":\"user_1\",\"credentials\":{\"access_token\":\"" + accessToken
                + "\",\"refresh_token\":\"r-" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresIn + "}}";
    }
}
