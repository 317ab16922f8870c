package com.credbroker.broker.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a raw socket ({@code Connection: close}), so a test can send bytes no client
 * library would (any path, control characters, lying lengths) and read whatever comes back.
 *
 * @param status      the status code, or -1 when the server closed without a status line (that is allowed)
 * @param head        the status line and headers as received
 * @param body        the rest, undecoded (chunk sizes included; tests only search it)
 * @param timedOut    true when the server neither answered nor closed within the read timeout
 */
record RawExchange(int status, String head, String body, boolean timedOut) {

    static RawExchange send(int port, byte[] request, int readTimeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readTimeoutMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException refusedMidway) {
                // the server may answer (413, 400) and close before reading everything; read what it said
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean timedOut = false;
            try {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                timedOut = true;
            } catch (IOException reset) {
                // closed hard after the answer: keep what arrived
            }
            return parse(received.toString(StandardCharsets.ISO_8859_1), timedOut);
        }
    }

    private static RawExchange parse(String text, boolean timedOut) {
        while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") > 0) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4); // an interim 1xx (100-continue): the answer follows
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        int status = -1;
        if (head.startsWith("HTTP/1.1 ") && head.length() >= 12) {
            status = Integer.parseInt(head.substring(9, 12));
        }
        return new RawExchange(status, head, body, timedOut);
    }

    /** The first value of a response header, or null. */
    String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    String all() {
        return head + "\r\n\r\n" + body;
    }
}
