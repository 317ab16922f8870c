package com.credbroker.refresh.provider;

import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.connectioncheck.CheckOutcome;
import com.credbroker.refresh.connectioncheck.CheckRefusedException;
import com.credbroker.refresh.connectioncheck.ConnectionChecker;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.storage.connectioncheck.CheckVerdict;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/**
 * The health phase of a replica: a connection of the template's scheme (the exchanged access token, or the
 * fixture's {@code credentials}) tested by the product's {@link ConnectionChecker}; the request must reach the
 * template's health path with every {@code expect_request_headers} header, and a 2xx answer is healthy.
 */
final class ReplicaHealth {
    private final ReplicaStub stub;
    private final RefreshFixture fixture;
    private final ConnectionChecker checker;

    ReplicaHealth(ReplicaStub stub, RefreshFixture fixture, ConnectionChecker checker) {
        this.stub = stub;
        this.fixture = fixture;
        this.checker = checker;
    }

    void check(SoftAssertions soft, Replica replica, ObjectNode template, TokenSet tokens) {
        AuthScheme scheme = AuthScheme.valueOf(template.path("auth_scheme").asText());
        Map<String, Object> fields = new HashMap<>(Replica.strings(replica.get("credentials")));
        if (scheme == AuthScheme.OAUTH2) {
            if (tokens == null) {
                soft.fail("health: not tested, the exchange gave no tokens");
                return;
            }
            fields.put("access_token", tokens.accessToken());
            fields.put("token_type", tokens.tokenType());
        }
        stub.answer(replica.get("health_response"));
        CheckOutcome outcome;
        try {
            outcome = checker.test(connection(scheme, fields, connectionConfig(replica, tokens)));
        } catch (CheckRefusedException refused) {
            soft.fail("health: refused " + refused.code() + ": " + refused.getMessage());
            return;
        }
        String path = replica.path(template, template.path("health_endpoint").asText());
        List<LoggedRequest> sent = stub.requests();
        soft.assertThat(stub.paths()).as("health: requests")
                .containsExactly(template.path("health_method").asText("GET") + " " + path);
        ReplicaQuirks.jsonBody(soft, "health", template.get("health_body"), sent);
        int status = replica.get("health_response").path("status").asInt();
        if (status / 100 == 2) {
            soft.assertThat(outcome.check().status()).as("health: verdict (%s)", outcome.check().reason())
                    .isEqualTo(CheckVerdict.HEALTHY);
        }
        if (sent.isEmpty()) {
            return;
        }
        LoggedRequest request = sent.get(0);
        template.path("headers").fields().forEachRemaining(h -> soft.assertThat(request.getHeaders()
                .getHeader(h.getKey()).values()).as("health: template header %s, once", h.getKey())
                .containsExactly(h.getValue().asText()));
        Replica.strings(replica.get("expect_request_headers")).forEach((name, value) ->
                soft.assertThat(request.getHeader(name)).as("health: header %s", name).isEqualTo(value));
        if (scheme == AuthScheme.OAUTH2) {
            soft.assertThat(carries(request, tokens.accessToken())).as("health: access token sent").isTrue();
        }
    }

    /** The token in a header value or in the query. */
    private static boolean carries(LoggedRequest request, String token) {
        String query = URI.create(request.getUrl()).getQuery();
        return request.getHeaders().all().stream().anyMatch(h -> h.values().stream().anyMatch(v -> v.contains(token)))
                || query != null && query.contains(token);
    }

    /** The fixture's connection fields and what the exchange captured. */
    private static Map<String, Object> connectionConfig(Replica replica, TokenSet tokens) {
        Map<String, Object> config = new HashMap<>(replica.connectionFields());
        if (tokens != null) {
            config.putAll(tokens.connectionData());
        }
        return config;
    }

    private Credential connection(AuthScheme scheme, Map<String, Object> fields,
            Map<String, Object> connectionConfig) {
        Credential c = fixture.connection(ProviderReplicaIT.stored, "rt-replica", Duration.ofHours(1));
        CredentialSecrets secrets = new CredentialSecrets(fields, null, null, null, null, false, null, null, null,
                Map.of(), Map.of(), Map.of("connection_config", connectionConfig));
        return fixture.credentials.updateIfVersion(c.toBuilder().authScheme(scheme)
                .secrets(secrets).build()).orElseThrow();
    }
}
