package com.credbroker.refresh.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * One provider template, as written in {@code providers/<name>.json} (format: issue 17's provider spec):
 * how to run OAuth against a provider and how to call its API. Immutable; built only from a template that
 * {@link TemplateValidator} found without problems, so every field present is well-formed. Absent optional
 * values are null and absent lists and maps empty (the defaults are applied by {@link CatalogueResolver}).
 * A template holds no secret.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProviderTemplate(
        String name,
        String displayName,
        List<String> docs,
        List<String> categories,
        String authScheme,
        Map<String, ConnectionField> connectionFields,
        String issuer,
        String authorizationUrl,
        String tokenUrl,
        String refreshUrl,
        String revocationUrl,
        Map<String, String> authorizationParams,
        Map<String, String> tokenParams,
        Map<String, String> refreshParams,
        String scopeSeparator,
        List<String> defaultScopes,
        String pkce,
        String clientAuthentication,
        String tokenRequestFormat,
        TokenResponse tokenResponse,
        Map<String, String> connectionData,
        Boolean refreshTokenRotation,
        String baseUrl,
        String healthEndpoint,
        Identity identity,
        ApiAuth apiAuth,
        Map<String, String> headers,
        Map<String, String> tokenHeaders,
        Boolean refreshRedirectUri,
        String scopeParam,
        String healthMethod,
        JsonNode healthBody) {

    public ProviderTemplate {
        docs = copy(docs);
        categories = copy(categories);
        connectionFields = copy(connectionFields);
        authorizationParams = copy(authorizationParams);
        tokenParams = copy(tokenParams);
        refreshParams = copy(refreshParams);
        defaultScopes = copy(defaultScopes);
        connectionData = copy(connectionData);
        headers = copy(headers);
        tokenHeaders = copy(tokenHeaders);
    }

    /** The auth schemes a template may declare. */
    public static final List<String> AUTH_SCHEMES = List.of("OAUTH2", "API_KEY", "BASIC", "BEARER_TOKEN");

    public boolean oauth2() {
        return "OAUTH2".equals(authScheme);
    }

    /**
     * A value each connection (or its auth config) gives, used in the template's URLs.
     *
     * @param pattern     the whole value must match it (Java regex)
     * @param example     a value that matches, for documentation
     * @param description what the value is and where to find it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectionField(String pattern, String example, String description) {
    }

    /** Where the fields of a token response are (dot paths) and what non-standard values mean. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record TokenResponse(String accessToken, String refreshToken, String expiresIn, String scope,
            String tokenType, String idToken, Map<String, String> tokenTypes, String expiresInUnit,
            Long defaultLifetimeSeconds, String error, Map<String, String> errorCodes) {
        public TokenResponse {
            tokenTypes = copy(tokenTypes);
            errorCodes = copy(errorCodes);
        }
    }

    /**
     * The identity request: relative to {@code base_url} or absolute; the answer's account id and e-mail paths;
     * the JSON body of a POST (a GraphQL query), or null.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identity(String url, String method, String accountId, String accountEmail, JsonNode body) {
    }

    /** How the secret is sent to the API: {@code in} is {@code header} or {@code query}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiAuth(String in, String name, String prefix) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }
}
