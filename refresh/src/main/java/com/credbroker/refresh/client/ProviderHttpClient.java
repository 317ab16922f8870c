package com.credbroker.refresh.client;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.egress.EgressPolicy;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.util.Objects;
import org.eclipse.jetty.io.ClientConnector;

/**
 * Plain requests to a provider that are neither grants nor revocations (OpenID discovery documents, JWKS,
 * identity endpoints), on the same transport as token requests: Jetty HTTP/1.1, redirects never followed,
 * every address checked by the {@link EgressPolicy}, the token timeouts and response cap of
 * {@link RefreshConfig}. Never throws for what the network or the far end does. Thread-safe; one per process.
 */
public final class ProviderHttpClient {
    private final TokenHttpTransport transport;

    public ProviderHttpClient(RefreshConfig config, EgressPolicy egress) {
        this(config, egress, new ClientConnector());
    }

    /** @param connector makes the connections (tests pass one that records them) */
    public ProviderHttpClient(RefreshConfig config, EgressPolicy egress, ClientConnector connector) {
        Objects.requireNonNull(config, "config");
        this.transport = new TokenHttpTransport(config.connectTimeout(), config.readTimeout(),
                config.maxResponseBytes(), "the provider", egress, connector);
    }

    /** What a request got. */
    public sealed interface Reply {
    }

    /** An HTTP answer; {@code body} is null when it was larger than the cap. */
    public record Answered(int status, String contentType, String body) implements Reply {
        @Override
        public String toString() {
            return "Answered[status=" + status + ", body=[REDACTED]]";
        }
    }

    /** No answer: a sanitised code ({@code timeout}, {@code connect_failed}, {@code egress_refused}, ...). */
    public record Failed(String code, String description) implements Reply {
    }

    /** Sends {@code request} once. */
    public Reply send(HTTPRequest request) {
        TokenHttpTransport.Exchange exchange = transport.send(Objects.requireNonNull(request, "request"));
        if (exchange instanceof TokenHttpTransport.Received received) {
            HTTPResponse response = received.response();
            return new Answered(response.getStatusCode(), response.getHeaderValue("Content-Type"),
                    received.bodyTooLarge() ? null : response.getBody());
        }
        TokenResult.Failure failure = ((TokenHttpTransport.Failed) exchange).failure();
        return new Failed(failure.code(), failure.description());
    }
}
