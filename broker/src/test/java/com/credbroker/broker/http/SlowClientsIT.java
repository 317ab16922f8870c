package com.credbroker.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.RunningBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients that trickle their request headers a byte at a time (each byte restarts the idle timeout) are
 * closed by the header deadline, the port never holds more connections than the cap, and a real request
 * sent while they are all open is still answered. Everything stays on loopback.
 */
class SlowClientsIT {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientsIT.class);
    static final int CAP = 64;
    static final int SLOW = 300;
    static final Duration DEADLINE = Duration.ofSeconds(1);
    /** The slow clients come in waves of at most CAP, each closed within about 1.25 deadlines. */
    static final Duration ALL_CLOSED_WITHIN = Duration.ofSeconds(25);
    static final Duration ANSWERED_WITHIN = Duration.ofSeconds(15);
    static final long DRIBBLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @TempDir
    Path dataDir;

    @Test
    void slowHeaderClientsAreClosedByTheDeadlineAndARealRequestIsAnswered() throws Exception {
        HttpLimits limits = new HttpLimits(Duration.ofSeconds(30), CAP, DEADLINE);
        try (RunningBroker broker = new RunningBroker(dataDir, Map.of(), limits);
                Selector selector = Selector.open()) {
            long start = System.nanoTime();
            List<SocketChannel> slow = openSlowClients(broker.port(), selector);
            try {
                CompletableFuture<HttpResponse<String>> real = realRequest(broker.port());
                CompletableFuture<Long> answeredAfter = real.thenApply(r -> System.nanoTime() - start);
                int maxOpen = dribbleUntilAllClosed(broker, selector, slow.size(), start);
                LOG.info("{} slow-header clients (cap {}, deadline {}): all closed after {} ms, at most {} open at"
                        + " once; the real request answered after {} ms", SLOW, CAP, DEADLINE,
                        (System.nanoTime() - start) / 1_000_000, maxOpen,
                        answeredAfter.get(ANSWERED_WITHIN.toSeconds(), TimeUnit.SECONDS) / 1_000_000);

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ALL_CLOSED_WITHIN);
                assertThat(maxOpen).isLessThanOrEqualTo(CAP);
                HttpResponse<String> answer = real.get(ANSWERED_WITHIN.toSeconds(), TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(200);
            } finally {
                for (SocketChannel channel : slow) {
                    channel.close();
                }
            }
        }
    }

    /** Starts SLOW non-blocking connects: those beyond the cap wait in the listen backlog (or retry their SYN). */
    private static List<SocketChannel> openSlowClients(int port, Selector selector) throws IOException {
        List<SocketChannel> channels = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            SocketChannel channel = SocketChannel.open();
            channels.add(channel);
            channel.configureBlocking(false);
            if (channel.connect(new InetSocketAddress("127.0.0.1", port))) {
                begin(channel, selector);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT);
            }
        }
        return channels;
    }

    /** The request line and the start of a header that never ends. */
    private static void begin(SocketChannel channel, Selector selector) throws IOException {
        channel.write(ByteBuffer.wrap("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII)));
        channel.register(selector, SelectionKey.OP_READ);
    }

    private static CompletableFuture<HttpResponse<String>> realRequest(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                .timeout(ANSWERED_WITHIN).GET().build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends one more header byte on every open slow client each 100 ms until the server has closed them all
     * (or the bound passed); returns the most connections the server held open at once.
     */
    private static int dribbleUntilAllClosed(RunningBroker broker, Selector selector, int count, long start)
            throws IOException {
        int closed = 0;
        int maxOpen = 0;
        long lastDribble = 0;
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (closed < count && System.nanoTime() - start < ALL_CLOSED_WITHIN.toNanos()) {
            selector.select(50);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                if (key.isConnectable()) {
                    if (finishConnect(channel)) {
                        begin(channel, selector);
                    } else {
                        key.cancel();
                        closed++;
                    }
                } else if (closedByServer(channel, sink)) {
                    key.cancel();
                    closed++;
                }
            }
            selector.selectedKeys().clear();
            if (System.nanoTime() - lastDribble >= DRIBBLE_NANOS) {
                lastDribble = System.nanoTime();
                for (SelectionKey key : selector.keys()) {
                    if (key.isValid() && (key.interestOps() & SelectionKey.OP_READ) != 0) {
                        dribble((SocketChannel) key.channel());
                    }
                }
            }
            maxOpen = Math.max(maxOpen, openOnServer(broker));
        }
        return maxOpen;
    }

    /** False when the connect failed (refused or reset while waiting): that client is gone too. */
    private static boolean finishConnect(SocketChannel channel) {
        try {
            return channel.finishConnect();
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean closedByServer(SocketChannel channel, ByteBuffer sink) {
        try {
            sink.clear();
            return channel.read(sink) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void dribble(SocketChannel channel) {
        try {
            channel.write(ByteBuffer.wrap(new byte[] {'a'}));
        } catch (IOException closedMeanwhile) {
            // the read side reports it
        }
    }

    private static int openOnServer(RunningBroker broker) {
        int open = 0;
        for (Connector connector : broker.broker().app().jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector network) {
                open += network.getConnectedEndPoints().size();
            }
        }
        return open;
    }
}
