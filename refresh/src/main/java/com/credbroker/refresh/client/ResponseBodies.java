package com.credbroker.refresh.client;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.minidev.json.JSONObject;

/**
 * Reads a token endpoint's body as a JSON object. JSON is recognised by its content, whatever the
 * {@code Content-Type} (providers mislabel it). Form-encoded bodies are converted to a JSON object of
 * strings: those labelled {@code application/x-www-form-urlencoded}, and {@code text/plain} ones that
 * carry {@code access_token} or {@code error} (GitHub's legacy endpoint). Stateless.
 */
final class ResponseBodies {
    private ResponseBodies() {
    }

    /** The body as a JSON object, or empty when it is blank, HTML, or anything else. */
    static Optional<JSONObject> jsonObject(HTTPResponse response) {
        String body = response.getBody();
        if (body == null) {
            return Optional.empty();
        }
        String text = body.replace("\uFEFF", "").strip();
        if (text.startsWith("{")) {
            return parseJson(text);
        }
        ContentType type = response.getEntityContentType();
        boolean form = type != null && type.matches(ContentType.APPLICATION_URLENCODED);
        boolean plain = type != null && type.matches(ContentType.TEXT_PLAIN);
        if (!text.isEmpty() && (form || plain)) {
            return parseForm(text).filter(json -> form || json.containsKey("access_token") || json.containsKey("error"));
        }
        return Optional.empty();
    }

    static boolean isBlank(HTTPResponse response) {
        return response.getBody() == null || response.getBody().replace("\uFEFF", "").isBlank();
    }

    /** The base media type for a description, e.g. {@code text/html}; "none" when absent or unparseable. */
    static String mediaType(HTTPResponse response) {
        ContentType type = response.getEntityContentType();
        return type == null ? "none" : type.getType();
    }

    private static Optional<JSONObject> parseJson(String text) {
        try {
            return Optional.of(JSONObjectUtils.parse(text));
        } catch (ParseException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<JSONObject> parseForm(String text) {
        Map<String, List<String>> params;
        try {
            params = URLUtils.parseParameters(text);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        JSONObject json = new JSONObject();
        params.forEach((name, values) -> {
            if (name != null && !name.isEmpty() && values != null && !values.isEmpty()) {
                json.put(name, values.get(0));
            }
        });
        return json.isEmpty() ? Optional.empty() : Optional.of(json);
    }
}
