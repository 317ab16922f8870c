package com.credbroker.refresh.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one WireMock server on 127.0.0.1 that plays every provider of the replicas: each phase forgets what came
 * before and answers every request with the replica's documented answer, then the test reads what was sent.
 */
final class ReplicaStub {
    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    ReplicaStub start() {
        server.start();
        return this;
    }

    void stop() {
        server.stop();
    }

    /** {@code http://127.0.0.1:<port>}, standing in for every provider host. */
    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    void reset() {
        server.resetAll();
    }

    /** Forgets earlier requests and stubs, then answers anything with {@code {"status": .., "body": ..}}. */
    void answer(JsonNode response) {
        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(WireMock.aResponse().withStatus(response.path("status").asInt(200))
                .withHeader("Content-Type", "application/json").withBody(response.path("body").toString())));
    }

    List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    /** The requests received, as {@code METHOD /path}. */
    List<String> paths() {
        return requests().stream().map(r -> r.getMethod().getName() + " " + URI.create(r.getUrl()).getRawPath())
                .toList();
    }

    /** The bodies of the requests received (a form decoded). */
    List<String> bodies() {
        return requests().stream().map(r -> {
            String contentType = r.getHeader("Content-Type");
            return contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                    ? URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8) : r.getBodyAsString();
        }).toList();
    }
}
