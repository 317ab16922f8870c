package com.credbroker.broker.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for a connection's {@code callback_url}, where the browser is sent when a connect flow ends:
 * an absolute {@code https} URL with a host (plain {@code http} only to a loopback host), at most
 * {@value #MAX_LENGTH} printable ASCII characters, without user info or fragment. Never
 * {@code javascript:}, {@code data:} or any other scheme. Checked on every write and again before a
 * redirect, so a value stored before the rule (or around the API) never becomes a redirect.
 */
public final class CallbackUrls {
    public static final int MAX_LENGTH = 2048;
    public static final String CODE = "invalid_callback_url";
    private static final Pattern URL_CHARS = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
    private static final String RULE = "callback_url must be an absolute https URL with a host (http only to"
            + " localhost, 127.0.0.0/8 or [::1]), at most " + MAX_LENGTH + " printable ASCII characters, without"
            + " user info or fragment";

    private CallbackUrls() {
    }

    /** The URL when it follows the rule; otherwise 422 {@value #CODE}, whose message never echoes the value. */
    public static URI require(String value) {
        return parse(value).orElseThrow(() -> new ApiException(422, CODE, RULE));
    }

    /** Like {@link #require} but null passes (the field is optional on a stored connection). */
    public static String requireOrNull(String value) {
        return value == null ? null : require(value).toString();
    }

    /** True when {@code value} may be used as a redirect target. */
    public static boolean isSafe(String value) {
        return value != null && parse(value).isPresent();
    }

    private static Optional<URI> parse(String value) {
        if (value == null || !URL_CHARS.matcher(value).matches()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        boolean allowed = scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost());
        return allowed ? Optional.of(uri) : Optional.empty();
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || LOOPBACK_V4.matcher(h).matches();
    }
}
