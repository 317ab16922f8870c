package com.credbroker.refresh.client;

import com.credbroker.config.ConnectConfig;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.util.Objects;
import org.eclipse.jetty.io.ClientConnector;

/**
 * The {@link CheckRequestClient} of the broker, on the same transport as token requests (Jetty HTTP/1.1
 * client, redirects never followed, capped body) with the test timeouts of {@link ConnectConfig}. A body
 * larger than {@value #MAX_BODY_BYTES} bytes is not read to its end: the connection is closed instead.
 * Connections go only where the {@link EgressPolicy} allows (public addresses, or what the operator
 * allow-lists), whatever {@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS} says; a refusal is
 * {@code egress_refused}, with nothing sent.
 * Thread-safe; one per process.
 */
public final class HttpCheckRequestClient implements CheckRequestClient {
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final TokenHttpTransport transport;

    /** Public addresses and the operator's {@link ConnectConfig#egressAllowList()}, resolved by the system. */
    public HttpCheckRequestClient(ConnectConfig config) {
        this(config, EgressPolicy.enforcing(config.egressAllowList(), HostResolver.system()),
                new ClientConnector());
    }

    /** @param connector makes the connections (tests pass one that records them) */
    public HttpCheckRequestClient(ConnectConfig config, EgressPolicy egress, ClientConnector connector) {
        Objects.requireNonNull(config, "config");
        this.transport = new TokenHttpTransport(config.testConnectTimeout(), config.testReadTimeout(),
                MAX_BODY_BYTES, "the test endpoint", egress, connector);
    }

    @Override
    public CheckResponse send(CheckRequestSpec request) {
        Objects.requireNonNull(request, "request");
        HTTPRequest httpRequest;
        try {
            boolean post = "POST".equals(request.method());
            httpRequest = new HTTPRequest(post ? HTTPRequest.Method.POST : HTTPRequest.Method.GET, request.url());
            if (post && request.body() != null) {
                httpRequest.setEntityContentType(com.nimbusds.common.contenttype.ContentType.APPLICATION_JSON);
                httpRequest.setBody(request.body());
            }
            request.headers().forEach(httpRequest::setHeader);
        } catch (RuntimeException unbuildable) {
            return new CheckResponse.Failed("invalid_request", "the test request could not be built");
        }
        TokenHttpTransport.Exchange exchange = transport.send(httpRequest);
        if (exchange instanceof TokenHttpTransport.Received received) {
            return new CheckResponse.Answered(received.response().getStatusCode());
        }
        TokenResult.Failure failure = FailureSanitiser.redacting(request.secrets().toArray(String[]::new))
                .clean(((TokenHttpTransport.Failed) exchange).failure());
        String code = failure.code().equals("invalid_client_config") ? "invalid_request" : failure.code();
        return new CheckResponse.Failed(code, failure.description());
    }
}
