package com.credbroker.refresh.client;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One test request: the full URL (query included), the headers to send, the method ({@code GET}, or
 * {@code POST} for a provider template whose health request is one) and the JSON body of a POST (null for
 * none). {@code secrets} lists every secret value in them (token, key, password, secret-looking header
 * values), so that a failure text echoing one is redacted. {@code toString()} shows only the host.
 */
public record CheckRequestSpec(URI url, Map<String, String> headers, List<String> secrets, String method,
        String body) {

    public CheckRequestSpec {
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
        method = method == null ? "GET" : method;
    }

    /** A GET. */
    public CheckRequestSpec(URI url, Map<String, String> headers, List<String> secrets) {
        this(url, headers, secrets, "GET", null);
    }

    @Override
    public String toString() {
        return "CheckRequestSpec[host=" + url.getHost() + ", values=[REDACTED]]";
    }
}
