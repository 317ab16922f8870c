package com.credbroker.refresh.connectioncheck;

import static com.credbroker.storage.credential.SchemeFields.text;

import com.credbroker.refresh.client.CheckRequestSpec;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.ApiAuth;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.SchemeFields;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's test request: its provider template's {@code headers} (for a template-backed auth config),
 * then its own {@code extra_headers} (which win over a template header of the same name in any letter case)
 * and {@code query_params}, plus its credentials in the way of its scheme (see {@link SchemeFields}): for
 * OAUTH2 and BEARER_TOKEN the provider's {@code api_auth} (header or query parameter, with its prefix; the
 * textbook {@code Authorization: Bearer} without a template), {@code Authorization: Basic} for BASIC, the API
 * key in the connection's own header or query parameter, else where the template's {@code api_auth} puts it
 * (with its prefix), else {@code X-API-Key}; nothing for NO_AUTH. OAUTH1 (request signing) and connections
 * without usable credentials are refused. A connection tested at its template's {@code health_endpoint} is
 * tested with the template's {@code health_method} and {@code health_body} (a GraphQL POST); its own
 * {@code test_request_endpoint} is always a GET. Every secret value sent is listed for redaction. Stateless.
 */
final class CheckRequests {
    private final CheckTargets targets;

    CheckRequests(CheckTargets targets) {
        this.targets = targets;
    }

    /**
     * @param provider the connection's resolved provider, or null when its auth config is unknown
     * @throws CheckRefusedException when the connection cannot be tested
     */
    CheckRequestSpec build(Credential credential, ResolvedProvider provider) {
        CredentialSecrets secrets = credential.secrets();
        Map<String, String> headers = new LinkedHashMap<>(provider == null ? Map.of() : provider.headers());
        headers.keySet().removeIf(name -> secrets.extraHeaders().keySet().stream().anyMatch(name::equalsIgnoreCase));
        headers.putAll(secrets.extraHeaders());
        Map<String, String> query = new LinkedHashMap<>(secrets.queryParams());
        List<String> sent = new ArrayList<>(secrets.extraHeaders().values());
        sent.addAll(secrets.queryParams().values());
        ApiAuth apiAuth = provider == null ? ApiAuth.BEARER : provider.apiAuth();
        switch (credential.authScheme()) {
            case OAUTH2 -> send(apiAuth, headers, query, sent, required(secrets, SchemeFields.ACCESS_TOKEN));
            case BEARER_TOKEN -> send(apiAuth, headers, query, sent, required(secrets, SchemeFields.TOKEN));
            case BASIC -> basic(headers, sent, required(secrets, SchemeFields.USERNAME),
                    required(secrets, SchemeFields.PASSWORD));
            case API_KEY -> apiKey(secrets, templated(provider) ? apiAuth : null, headers, query, sent);
            case NO_AUTH -> { }
            case OAUTH1 -> throw new CheckRefusedException("not_testable",
                    "OAUTH1 connections cannot be tested: requests would need signing");
        }
        URI url = targets.resolve(secrets, provider, query);
        boolean templateHealth = provider != null && (secrets.testRequestEndpoint() == null
                || secrets.testRequestEndpoint().isBlank());
        return templateHealth ? new CheckRequestSpec(url, headers, sent, provider.healthMethod(), provider.healthBody())
                : new CheckRequestSpec(url, headers, sent);
    }

    private static boolean templated(ResolvedProvider provider) {
        return provider != null && provider.provider() != null && provider.apiAuth() != null;
    }

    /** The secret where {@code apiAuth} puts it, after its prefix. */
    private static void send(ApiAuth apiAuth, Map<String, String> headers, Map<String, String> query,
            List<String> sent, String secret) {
        ApiAuth placement = apiAuth == null ? ApiAuth.BEARER : apiAuth;
        String value = (placement.prefix() == null ? "" : placement.prefix()) + secret;
        if (placement.in() == ApiAuth.Placement.QUERY) {
            query.put(placement.name(), value);
        } else {
            put(headers, placement.name(), value);
        }
        sent.add(secret);
    }

    private static void basic(Map<String, String> headers, List<String> sent, String username, String password) {
        String encoded = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        put(headers, "Authorization", "Basic " + encoded);
        sent.add(password);
        sent.add(encoded);
    }

    /** The connection's own header or query parameter name wins; then the template's, then {@code X-API-Key}. */
    private static void apiKey(CredentialSecrets secrets, ApiAuth template, Map<String, String> headers,
            Map<String, String> query, List<String> sent) {
        String key = required(secrets, SchemeFields.API_KEY);
        String parameter = text(secrets, SchemeFields.QUERY_PARAM_NAME);
        String header = text(secrets, SchemeFields.HEADER_NAME);
        if (parameter != null) {
            query.put(parameter, key);
        } else if (header != null || template == null) {
            put(headers, header == null ? SchemeFields.DEFAULT_API_KEY_HEADER : header, key);
        } else {
            send(template, headers, query, sent, key);
            return;
        }
        sent.add(key);
    }

    /** Sets a header, replacing one of the same name in any letter case (the credentials win). */
    private static void put(Map<String, String> headers, String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, value);
    }

    private static String required(CredentialSecrets secrets, String field) {
        String value = text(secrets, field);
        if (value == null) {
            throw new CheckRefusedException("not_testable", "the connection has no credentials." + field);
        }
        return value;
    }
}
