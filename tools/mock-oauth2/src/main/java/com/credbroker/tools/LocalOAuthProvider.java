package com.credbroker.tools;

import java.net.InetAddress;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local OAuth 2.0 provider for trying the broker: mock-oauth2-server on 127.0.0.1, issuer {@code default}.
 * It signs in a user at once (no login page), and answers the code exchange and later refreshes of the
 * tokens it issued, for any client ID and secret. Runs until the process is stopped.
 */
public final class LocalOAuthProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LocalOAuthProvider.class);

    private LocalOAuthProvider() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(InetAddress.getLoopbackAddress(), port);
        String issuer = "http://127.0.0.1:" + port + "/default";
        LOG.info("local OAuth provider: authorization endpoint {}/authorize, token endpoint {}/token", issuer, issuer);
        Thread.currentThread().join();
    }
}
