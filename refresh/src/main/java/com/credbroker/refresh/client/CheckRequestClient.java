package com.credbroker.refresh.client;

/**
 * Sends a connection's test request: one GET, redirects never followed, bounded by the test timeouts,
 * the response body read (up to a small cap) and dropped. Never throws for anything the far end or the
 * network does. Thread-safe.
 */
public interface CheckRequestClient {

    CheckResponse send(CheckRequestSpec request);
}
