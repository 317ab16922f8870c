package com.credbroker.tools;

import java.net.InetAddress;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A local OAuth 2.0 provider for trying the broker: mock-oauth2-server on 127.0.0.1, issuer {@code default}.
 * It signs in a user at once (no login page), and answers the code exchange and later refreshes of the
 * tokens it issued, for any client ID and secret. Runs until the process is stopped.
 */
public final class LocalOAuthProvider {
    private LocalOAuthProvider() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(InetAddress.getLoopbackAddress(), port);
        String issuer = "http://127.0.0.1:" + port + "/default";
        System.out.println("local OAuth provider: authorization endpoint " + issuer + "/authorize, token endpoint "
                + issuer + "/token");
        Thread.currentThread().join();
    }
}
