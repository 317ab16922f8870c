package com.credbroker.broker.authconfig;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for the auth-config endpoints: one valid body, changed one field at a time. */
final class AuthConfigBodies {
    static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    static final String AUDIT = "/v1/personal-connectors/admin/audit";

    private AuthConfigBodies() {
    }

    /** A valid confidential client (client_secret_basic by default). */
    static Map<String, Object> valid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("app_name", "github");
        body.put("token_endpoint", "https://github.com/login/oauth/access_token");
        body.put("authorization_endpoint", "https://github.com/login/oauth/authorize");
        body.put("client_id", "Iv1.0123456789abcdef");
        body.put("client_secret", "gh-client-secret-0123456789");
        body.put("scopes", List.of("repo", "read:user"));
        return body;
    }

    /** The valid body with {@code field} set to {@code value} (null included). */
    static String with(String field, Object value) {
        Map<String, Object> body = valid();
        body.put(field, value);
        return Fixtures.toJson(body);
    }

    static String without(String field) {
        Map<String, Object> body = valid();
        body.remove(field);
        return Fixtures.toJson(body);
    }

    static String json(Map<String, Object> body) {
        return Fixtures.toJson(body);
    }

    /** Creates a config through the API and returns its ID; fails loudly otherwise. */
    static String create(Http http, String body) {
        HttpResponse<String> created = http.post(AUTH_CONFIGS, RunningBroker.admin(), body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("auth config creation failed: " + created.statusCode() + " "
                    + created.body());
        }
        return Fixtures.body(created).get("auth_config_id").asText();
    }
}
