package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.testing.TestSettings;
import static com.credbroker.refresh.client.TestAuthConfigs.authConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.ConnectConfig;
import com.credbroker.config.EgressAllowList;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The egress rule where requests are made: refusals happen before any connection (a connector that records
 * every attempt, and a listening loopback socket, both see nothing), the connection goes only to the
 * address that was checked, and the operator's allow-list lets a loopback host through. No test here
 * connects anywhere but loopback: the recording connector fails any other address itself.
 */
class EgressTransportTest {
    private static final String PUBLIC = "93.184.216.34";
    private static final ConnectConfig TESTS = ConnectConfig.defaults();
    private static final RefreshConfig STRICT = TestSettings.defaults().allowInsecureTokenUrls(false)
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2)).refresh();

    /** Records every connection attempt; lets only loopback ones through. */
    static final class RecordingConnector extends ClientConnector {
        final List<SocketAddress> attempts = new CopyOnWriteArrayList<>();

        @Override
        public void connect(SocketAddress address, Map<String, Object> context) {
            attempts.add(address);
            if (address instanceof InetSocketAddress inet && inet.getAddress().isLoopbackAddress()) {
                super.connect(address, context);
                return;
            }
            @SuppressWarnings("unchecked")
            Promise<Object> promise = (Promise<Object>) context.get(CONNECTION_PROMISE_CONTEXT_KEY);
            promise.failed(new ConnectException("the test connector reaches loopback only"));
        }
    }

    private final RecordingConnector connector = new RecordingConnector();
    private final AtomicInteger lookups = new AtomicInteger();
    private ServerSocketChannel listener;
    private int port;

    @BeforeEach
    void listen() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        listener.configureBlocking(false);
        port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    /** A resolver answering {@code answers.apply(n)} for the n-th lookup (from 1); never the real DNS. */
    private HostResolver resolver(Function<Integer, String> answers) {
        return host -> {
            String address = answers.apply(lookups.incrementAndGet());
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private HttpCheckRequestClient testClient(EgressPolicy policy) {
        return new HttpCheckRequestClient(TESTS, policy, connector);
    }

    private static CheckRequestSpec get(String url) {
        return new CheckRequestSpec(URI.create(url), Map.of("Authorization", "Bearer at-secret"), List.of("at-secret"));
    }

    private void assertNothingReachedTheListener() throws IOException {
        assertThat(connector.attempts).isEmpty();
        assertThat(listener.accept()).as("a connection reached the listening loopback socket").isNull();
    }

    @Test
    void testRequestsToLoopbackInAnyNotationAreRefusedBeforeConnecting() throws IOException {
        HttpCheckRequestClient client = testClient(EgressPolicy.enforcing(EgressAllowList.none(),
                resolver(n -> "127.0.0.1")));
        Map<String, String> expected = Map.of(
                "127.0.0.1", "a loopback address",
                "localhost", "a loopback address",
                "2130706433", "a loopback address",
                "0x7f000001", "a loopback address",
                "[::ffff:127.0.0.1]", "a loopback address",
                "0.0.0.0", "an unspecified address");

        expected.forEach((host, kind) -> assertThat(client.send(get("http://" + host + ":" + port + "/me")))
                .isEqualTo(new CheckResponse.Failed("egress_refused",
                        "destination not allowed: " + host + " resolves to " + kind)));
        assertNothingReachedTheListener();
    }

    @Test
    void theRefusalIsTheSameWhetherSomethingListensOrNot() throws IOException {
        HttpCheckRequestClient client = testClient(EgressPolicy.enforcing(EgressAllowList.none(),
                resolver(n -> "127.0.0.1")));
        int closed;
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            closed = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }

        CheckResponse open = client.send(get("http://127.0.0.1:" + port + "/"));
        CheckResponse shut = client.send(get("http://127.0.0.1:" + closed + "/"));

        assertThat(open).isEqualTo(shut);
        assertNothingReachedTheListener();
    }

    @Test
    void tokenCodeAndRevocationRequestsToLoopbackAreRefusedBeforeConnectingWhenInsecureUrlsAreOff()
            throws IOException {
        EgressPolicy policy = EgressPolicy.forTokenEndpoints(false, EgressAllowList.none(), resolver(n -> "127.0.0.1"));
        NimbusTokenClient client = new NimbusTokenClient(STRICT, new TokenHttpTransport(STRICT, policy, connector),
                Clock.systemUTC());
        AuthConfig local = authConfig(URI.create("https://localhost:" + port + "/token"), ClientAuthMethod.NONE);
        AuthConfig revocable = new AuthConfig("ac_test", "test-app", URI.create("https://127.0.0.1:" + port + "/t"),
                null, URI.create("https://[::ffff:7f00:1]:" + port + "/revoke"), "client-1", null,
                ClientAuthMethod.NONE, List.of(), null, local.createdAt(), local.createdAt(), 1);

        TokenResult refresh = client.refresh(new TokenRequestSpec(ResolvedProvider.of(local), "rt-secret"));
        TokenResult exchange = client.exchange(new CodeExchangeSpec(ResolvedProvider.of(revocable), "code",
                URI.create("https://broker.example.com/callback"), "v".repeat(43)));
        RevocationResult revoke = client.revoke(new RevocationSpec(ResolvedProvider.of(revocable), "rt-secret", true));

        assertThat(((TokenResult.Failure) refresh).code()).isEqualTo("egress_refused");
        assertThat(((TokenResult.Failure) refresh).failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(((TokenResult.Failure) refresh).description())
                .isEqualTo("destination not allowed: localhost resolves to a loopback address");
        assertThat(((TokenResult.Failure) exchange).code()).isEqualTo("egress_refused");
        assertThat(((RevocationResult.Failed) revoke).failure().code()).isEqualTo("egress_refused");
        assertNothingReachedTheListener();
    }

    @Test
    void anAnswerThatChangesAfterTheCheckIsCheckedAgainAndNeverReached() throws Exception {
        // public at the ahead-of-time check, loopback when the connection is made: a DNS rebinding
        EgressPolicy policy = EgressPolicy.enforcing(EgressAllowList.none(),
                resolver(n -> n == 1 ? PUBLIC : "127.0.0.1"));
        HttpCheckRequestClient client = testClient(policy);

        policy.check("rebind.example.com");
        CheckResponse response = client.send(get("http://rebind.example.com:" + port + "/me"));

        assertThat(response).isEqualTo(new CheckResponse.Failed("egress_refused",
                "destination not allowed: rebind.example.com resolves to a loopback address"));
        assertThat(lookups).hasValue(2);
        assertNothingReachedTheListener();
    }

    @Test
    void theConnectionGoesToTheAddressThatWasCheckedNotToALaterAnswer() {
        // one lookup per connection: the public address it answered and passed is the one connected to,
        // whatever the name answers afterwards (the test connector then refuses to leave the machine)
        HttpCheckRequestClient client = testClient(EgressPolicy.enforcing(EgressAllowList.none(),
                resolver(n -> n == 1 ? PUBLIC : "127.0.0.1")));

        CheckResponse response = client.send(get("http://rebind.example.com:" + port + "/me"));

        assertThat(connector.attempts).containsExactly(new InetSocketAddress(PUBLIC, port));
        assertThat(lookups).hasValue(1);
        assertThat(response).isEqualTo(new CheckResponse.Failed("connect_failed", "could not connect to the test endpoint"));
    }

    @Test
    void anAllowListedLoopbackHostIsReached() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/me", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpCheckRequestClient client = testClient(EgressPolicy.enforcing(
                    EgressAllowList.of(List.of("localhost")), resolver(n -> "127.0.0.1")));

            CheckResponse response = client.send(get("http://localhost:" + server.getAddress().getPort() + "/me"));

            assertThat(response).isEqualTo(new CheckResponse.Answered(204));
            assertThat(connector.attempts).containsExactly(new InetSocketAddress("127.0.0.1",
                    server.getAddress().getPort()));
        } finally {
            server.stop(0);
        }
    }
}
