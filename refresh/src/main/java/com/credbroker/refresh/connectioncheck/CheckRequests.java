package com.credbroker.refresh.connectioncheck;

import static com.credbroker.storage.credential.SchemeFields.text;

import com.credbroker.refresh.client.CheckRequestSpec;
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
 * A connection's test request: its {@code extra_headers} and {@code query_params}, plus its credentials
 * in the way of its scheme (see {@link SchemeFields}): {@code Authorization: Bearer} for OAUTH2 and
 * BEARER_TOKEN, {@code Authorization: Basic} for BASIC, the API key in its header or query parameter,
 * nothing for NO_AUTH. OAUTH1 (request signing) and connections without usable credentials are refused.
 * Every secret value sent is listed for redaction. Stateless.
 */
final class CheckRequests {
    private final CheckTargets targets;

    CheckRequests(CheckTargets targets) {
        this.targets = targets;
    }

    /** @throws CheckRefusedException when the connection cannot be tested */
    CheckRequestSpec build(Credential credential) {
        CredentialSecrets secrets = credential.secrets();
        Map<String, String> headers = new LinkedHashMap<>(secrets.extraHeaders());
        Map<String, String> query = new LinkedHashMap<>(secrets.queryParams());
        List<String> sent = new ArrayList<>(secrets.extraHeaders().values());
        sent.addAll(secrets.queryParams().values());
        switch (credential.authScheme()) {
            case OAUTH2 -> bearer(headers, sent, required(secrets, SchemeFields.ACCESS_TOKEN));
            case BEARER_TOKEN -> bearer(headers, sent, required(secrets, SchemeFields.TOKEN));
            case BASIC -> basic(headers, sent, required(secrets, SchemeFields.USERNAME),
                    required(secrets, SchemeFields.PASSWORD));
            case API_KEY -> apiKey(secrets, headers, query, sent);
            case NO_AUTH -> { }
            case OAUTH1 -> throw new CheckRefusedException("not_testable",
                    "OAUTH1 connections cannot be tested: requests would need signing");
        }
        URI url = targets.resolve(secrets, query);
        return new CheckRequestSpec(url, headers, sent);
    }

    private static void bearer(Map<String, String> headers, List<String> sent, String token) {
        put(headers, "Authorization", "Bearer " + token);
        sent.add(token);
    }

    private static void basic(Map<String, String> headers, List<String> sent, String username, String password) {
        String encoded = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        put(headers, "Authorization", "Basic " + encoded);
        sent.add(password);
        sent.add(encoded);
    }

    private static void apiKey(CredentialSecrets secrets, Map<String, String> headers, Map<String, String> query,
            List<String> sent) {
        String key = required(secrets, SchemeFields.API_KEY);
        String parameter = text(secrets, SchemeFields.QUERY_PARAM_NAME);
        if (parameter != null) {
            query.put(parameter, key);
        } else {
            String header = text(secrets, SchemeFields.HEADER_NAME);
            put(headers, header == null ? SchemeFields.DEFAULT_API_KEY_HEADER : header, key);
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
