package com.credbroker.refresh.client;

import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.EgressRefusedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Builds the Jetty {@link HttpClient} of the outbound transports. Jetty asks its {@link SocketAddressResolver}
 * for the addresses of every new connection and connects to what it answers; here that resolver is the
 * {@link EgressPolicy}, so the addresses checked are the addresses connected to, in one step. (The JDK's
 * HttpClient resolves on its own, after any check, and offers no such hook.) TLS keeps the URL's host name
 * for SNI and certificate checks. Threads are daemons; clients live as long as the process.
 */
final class EgressHttpClients {
    private static final int MAX_THREADS = 64;

    private EgressHttpClients() {
    }

    /** @param readTimeout the longest wait for bytes a caller allows: an idle connection outlives it */
    static HttpClient start(Duration connectTimeout, Duration readTimeout, EgressPolicy policy,
            ClientConnector connector) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 1);
        threads.setName("credbroker-http");
        threads.setDaemon(true);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("credbroker-http-timer", true));
        client.setFollowRedirects(false);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setIdleTimeout(Duration.ofSeconds(30).plus(readTimeout).toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "credbroker"));
        client.setSocketAddressResolver(resolver(policy));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the outbound HTTP client", e);
        }
        // (after start, which installs the defaults) every status reaches the caller as it came: no redirect,
        // 401-challenge or 100-continue handling, and no decompression (the cap applies to what was sent)
        client.getProtocolHandlers().clear();
        client.getContentDecoderFactories().clear();
        return client;
    }

    private static SocketAddressResolver resolver(EgressPolicy policy) {
        return (host, port, context, promise) -> {
            List<InetAddress> addresses;
            try {
                addresses = policy.resolve(host);
            } catch (EgressRefusedException | UnknownHostException refused) {
                promise.failed(refused);
                return;
            }
            promise.succeeded(addresses.stream().map(address -> new InetSocketAddress(address, port)).toList());
        };
    }
}
