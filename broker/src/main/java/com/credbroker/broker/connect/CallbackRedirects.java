package com.credbroker.broker.connect;

import com.credbroker.broker.http.CallbackUrls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URL the browser returns to when a connect flow ends: the connection's {@code callback_url} with
 * {@code connection_id}, {@code status} and, when the flow failed, {@code error} (a sanitised code)
 * added to its query. Never a token, code or state.
 */
final class CallbackRedirects {
    private CallbackRedirects() {
    }

    /**
     * The redirect, or {@link IllegalArgumentException} when the stored URL breaks {@link CallbackUrls}'s rule
     * (stored before the rule, or around the API): such a URL is never redirected to.
     */
    static URI to(String callbackUrl, String connectionId, String status, String error) {
        StringBuilder query = new StringBuilder();
        param(query, "connection_id", connectionId);
        param(query, "status", status);
        if (error != null) {
            param(query, "error", error);
        }
        int fragment = callbackUrl.indexOf('#');
        String base = fragment < 0 ? callbackUrl : callbackUrl.substring(0, fragment);
        if (!CallbackUrls.isSafe(base)) {
            throw new IllegalArgumentException("callback_url is not a safe redirect target");
        }
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static void param(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
