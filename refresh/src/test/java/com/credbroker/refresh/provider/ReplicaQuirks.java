package com.credbroker.refresh.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/**
 * The checks of a replica's quirk fields, read from the template: every token-endpoint request carries the
 * {@code token_headers}; the refresh repeats the exchange's {@code redirect_uri} exactly when
 * {@code refresh_redirect_uri} says so; the scopes travel in {@code scope_param} (and then not in {@code scope});
 * a POST identity or health request sends the template's JSON body.
 */
final class ReplicaQuirks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReplicaQuirks() {
    }

    static void tokenHeaders(SoftAssertions soft, String phase, ObjectNode template, List<LoggedRequest> sent) {
        template.path("token_headers").fields().forEachRemaining(h -> sent.forEach(request -> soft.assertThat(
                request.getHeader(h.getKey())).as("%s: token header %s", phase, h.getKey())
                .isEqualTo(h.getValue().asText())));
    }

    /** {@code body} is the refresh request's body (a form decoded, or JSON). */
    static void refreshRedirectUri(SoftAssertions soft, ObjectNode template, List<String> bodies) {
        boolean repeated = template.path("refresh_redirect_uri").asBoolean(false);
        String expected = "redirect_uri=" + ProviderReplicaIT.CALLBACK;
        soft.assertThat(bodies).as("refresh: redirect_uri repeated: %s", repeated).allSatisfy(body -> {
            if (repeated) {
                soft.assertThat(body).as("refresh: redirect_uri").contains(expected);
            } else {
                soft.assertThat(body).as("refresh: no redirect_uri").doesNotContain("redirect_uri");
            }
        });
    }

    static void exchangeKeepsRedirectUri(SoftAssertions soft, ObjectNode template, Map<String, String> captured) {
        if (template.path("refresh_redirect_uri").asBoolean(false)) {
            soft.assertThat(captured).as("exchange: redirect_uri kept for the refresh")
                    .containsEntry("_redirect_uri", ProviderReplicaIT.CALLBACK.toString());
        }
    }

    static void scopeParam(SoftAssertions soft, ObjectNode template, Map<String, String> query) {
        String param = template.path("scope_param").asText("scope");
        if (!param.equals("scope")) {
            soft.assertThat(query).as("connect: scopes only in %s", param).doesNotContainKey("scope")
                    .containsKey(param);
        }
    }

    /** A request the template gives a JSON body (identity or health POST) carried exactly that body. */
    static void jsonBody(SoftAssertions soft, String phase, JsonNode expected, List<LoggedRequest> sent) {
        if (expected == null || expected.isMissingNode() || expected.isNull() || sent.isEmpty()) {
            return;
        }
        LoggedRequest request = sent.get(0);
        soft.assertThat(request.getHeader("Content-Type")).as("%s: JSON body", phase).startsWith("application/json");
        try {
            soft.assertThat(MAPPER.readTree(request.getBodyAsString())).as("%s: body", phase).isEqualTo(expected);
        } catch (java.io.IOException notJson) {
            soft.fail(phase + ": body is not JSON");
        }
    }
}
