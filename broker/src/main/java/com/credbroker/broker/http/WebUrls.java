package com.credbroker.broker.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The write-time rule for a connection's {@code base_url} and {@code test_request_endpoint}: an absolute
 * {@code http} or {@code https} URL with a host, at most {@value #MAX_LENGTH} printable ASCII characters,
 * without user info or fragment ({@code test_request_endpoint} may instead be a path relative to
 * {@code base_url}). A value that could never be called is refused when it is written (422, naming the
 * field, never echoing the value), not at the first connection test. Where the broker may actually send
 * a request (https only unless insecure URLs are allowed, the egress policy, the host rule) is still
 * decided at each request, as the network can change after the write.
 */
public final class WebUrls {
    public static final int MAX_LENGTH = 2048;
    private static final Pattern URL_CHARS = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

    private WebUrls() {
    }

    /** The value when it is an absolute http(s) URL (see the class rule); null passes. */
    public static String absoluteOrNull(String value, String field) {
        if (value != null && absolute(value).isEmpty()) {
            throw ApiException.validation(field + " must be an absolute http or https URL with a host, at most "
                    + MAX_LENGTH + " printable ASCII characters, without user info or fragment");
        }
        return value;
    }

    /** The value when it is an absolute http(s) URL or a relative path (with an optional query); null passes. */
    public static String absoluteOrPathOrNull(String value, String field) {
        if (value != null && absolute(value).isEmpty() && !isRelativePath(value)) {
            throw ApiException.validation(field + " must be an absolute http or https URL with a host, or a path"
                    + " relative to base_url, at most " + MAX_LENGTH + " printable ASCII characters, without user"
                    + " info or fragment");
        }
        return value;
    }

    /** True for a value {@link #absoluteOrPathOrNull} accepts that is not absolute: it needs a base_url. */
    public static boolean isRelativePath(String value) {
        Optional<URI> uri = parse(value);
        return uri.isPresent() && uri.get().getScheme() == null && uri.get().getRawAuthority() == null
                && !value.startsWith("//") && uri.get().getRawFragment() == null;
    }

    private static Optional<URI> absolute(String value) {
        return parse(value).filter(uri -> {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && !uri.isOpaque() && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null && uri.getPort() <= 65_535;
        });
    }

    private static Optional<URI> parse(String value) {
        if (!URL_CHARS.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(value));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
