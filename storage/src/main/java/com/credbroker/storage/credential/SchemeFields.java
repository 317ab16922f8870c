package com.credbroker.storage.credential;

import java.util.List;

/**
 * The credential fields of each auth scheme, as stored in {@link CredentialSecrets#credentials()} and
 * served in the lookup's {@code credentials} object. Other keys are allowed and served as they are.
 *
 * <ul>
 * <li>{@code OAUTH2}: {@code access_token}, {@code refresh_token}, {@code token_type}, {@code scope}, extras.
 * <li>{@code API_KEY}: {@code api_key}; optionally {@code header_name} (the header a test request sends it
 *     in, default {@code X-API-Key}) or {@code query_param_name} (sent as that query parameter instead).
 * <li>{@code BASIC}: {@code username}, {@code password} (sent as {@code Authorization: Basic}).
 * <li>{@code BEARER_TOKEN}: {@code token} (sent as {@code Authorization: Bearer}).
 * </ul>
 */
public final class SchemeFields {
    public static final String ACCESS_TOKEN = "access_token";
    public static final String API_KEY = "api_key";
    public static final String HEADER_NAME = "header_name";
    public static final String QUERY_PARAM_NAME = "query_param_name";
    public static final String DEFAULT_API_KEY_HEADER = "X-API-Key";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String TOKEN = "token";

    private SchemeFields() {
    }

    /** The fields an ACTIVE connection of this scheme must have (non-empty strings). */
    public static List<String> required(AuthScheme scheme) {
        return switch (scheme) {
            case OAUTH2 -> List.of(ACCESS_TOKEN);
            case API_KEY -> List.of(API_KEY);
            case BASIC -> List.of(USERNAME, PASSWORD);
            case BEARER_TOKEN -> List.of(TOKEN);
            case OAUTH1, NO_AUTH -> List.of();
        };
    }

    /** The string value of a field, or null when absent, blank or not a string. */
    public static String text(CredentialSecrets secrets, String field) {
        Object value = secrets.credentials().get(field);
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
