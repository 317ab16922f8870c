package com.credbroker.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The baseline for the lookup benchmark: a bare Jetty 12 core handler that answers every request
 * with the same bytes the broker's lookup returned, as {@code application/json}. It does no
 * routing, authentication, audit or JSON work, so its throughput is the ceiling the broker's
 * lookup is compared with.
 *
 * <p>Usage: {@code java -jar bench/target/credbroker-bench.jar <port> <body-file>}; port 0 picks
 * a free port. Prints {@code port=<n>} on stdout once it accepts connections, then runs until
 * killed.
 */
public final class BareJettyServer {
    private static final HttpField JSON =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private BareJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BareJettyServer <port> <body-file> <port-file>");
        }
        Server server = start(Integer.parseInt(args[0]), Path.of(args[1]));
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        Path portFile = Path.of(args[2]);
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        java.nio.file.Files.writeString(partial, "port=" + port + "\n");
        java.nio.file.Files.move(partial, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        server.join();
    }

    /** Starts a server on {@code port} (0 = any free port) serving the file's bytes. */
    public static Server start(int port, Path bodyFile) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new FixedBodyHandler(read(bodyFile)));
        server.start();
        return server;
    }

    private static byte[] read(Path bodyFile) throws IOException {
        return Files.readAllBytes(bodyFile);
    }

    /** Writes the same bytes for every request; a fresh read-only view per request, no copy. */
    static final class FixedBodyHandler extends Handler.Abstract {
        private final ByteBuffer body;

        FixedBodyHandler(byte[] body) {
            this.body = ByteBuffer.wrap(body.clone()).asReadOnlyBuffer();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put(JSON);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
            response.write(true, body.slice(), callback);
            return true;
        }
    }
}
