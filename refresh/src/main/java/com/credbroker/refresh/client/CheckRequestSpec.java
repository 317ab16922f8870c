package com.credbroker.refresh.client;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One test request: the full URL (query included) and the headers to send. {@code secrets} lists every
 * secret value in them (token, key, password, secret-looking header values), so that a failure text
 * echoing one is redacted. {@code toString()} shows only the host.
 */
public record CheckRequestSpec(URI url, Map<String, String> headers, List<String> secrets) {

    public CheckRequestSpec {
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "CheckRequestSpec[host=" + url.getHost() + ", values=[REDACTED]]";
    }
}
