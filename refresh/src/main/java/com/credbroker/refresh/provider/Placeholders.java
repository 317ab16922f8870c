package com.credbroker.refresh.provider;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {name}} placeholders of template URLs: finding them, refusing values that could change a URL's
 * host or path, filling them, and the checks every final URL passes. Stateless; no text it returns quotes a
 * value (a value may be secret-adjacent, and an error body must not echo it).
 */
final class Placeholders {
    /** A placeholder: a field name in braces. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]{0,62})}");
    /** Names of connection fields and connection data keys. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /**
     * A safe per-connection value: ASCII letters, digits, {@code - _ ~}, and single dots between them. This
     * excludes {@code / ? # @ : \ %}, whitespace, {@code ..}, and every non-ASCII character (so nothing an
     * IDN mapping could turn into a dot or a slash).
     */
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_~-]+(\\.[A-Za-z0-9_~-]+)*");
    private static final int MAX_VALUE_LENGTH = 253;

    private Placeholders() {
    }

    /** The placeholder names in {@code text}, in order (repeats kept). */
    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** True when a brace in {@code text} is not part of a well-formed placeholder. */
    static boolean malformed(String text) {
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        return rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0;
    }

    /** {@code text} with every placeholder replaced by its value; a name without a value is left as it is. */
    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Why a per-connection value cannot go into a URL, or null when it can. Never quotes the value. */
    static String unsafeValue(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "must be at most " + MAX_VALUE_LENGTH + " characters";
        }
        if (!SAFE_VALUE.matcher(value).matches()) {
            return "may hold only ASCII letters, digits, '-', '_', '~' and single dots between them"
                    + " (it could change the URL's host or path)";
        }
        return null;
    }

    /**
     * Why a value captured from a token response (e.g. Salesforce's {@code instance_url}) cannot start a base
     * URL, or null: an absolute https URL (http only to a loopback address, and only when insecure URLs are
     * allowed) without user info, query or fragment.
     */
    static String unsafeUrlValue(String value, boolean allowInsecureUrls) {
        if (value == null || value.isEmpty() || value.length() > 2048 || !value.chars().allMatch(c -> c > 32 && c < 127)
                || value.contains("\\") || value.contains("%") || value.contains("..")) {
            return "must be an absolute https URL";
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean insecureOk = scheme.equals("http") && allowInsecureUrls && loopback(uri.getHost());
            if (!(scheme.equals("https") || insecureOk) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.isOpaque()) {
                return "must be an absolute https URL without user info, query or fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an absolute https URL";
        }
    }

    /**
     * Why a finished URL (placeholders filled) cannot be used, or null: absolute, https (or http when insecure
     * URLs are allowed), a host, no user info, no fragment, no placeholder left.
     */
    static String badUrl(String url, boolean allowInsecureUrls) {
        if (PLACEHOLDER.matcher(url).find() || url.chars().anyMatch(c -> c <= 32 || c >= 127)) {
            return "must be an absolute " + (allowInsecureUrls ? "http(s)" : "https") + " URL";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || allowInsecureUrls && scheme.equals("http")) || uri.getHost() == null
                    || uri.isOpaque()) {
                return "must be an absolute " + (allowInsecureUrls ? "http(s)" : "https") + " URL with a host";
            }
            if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return "must not have user info or a fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an absolute " + (allowInsecureUrls ? "http(s)" : "https") + " URL";
        }
    }

    /**
     * The host a template URL has once filled, computed on the template's text: the authority (between
     * {@code ://} and the next {@code /}, {@code ?} or end) without user info and port, lower case.
     */
    static String expectedHost(String templateUrl, Map<String, String> values) {
        String authority = authority(fill(templateUrl, values));
        int at = authority.lastIndexOf('@');
        String hostPort = authority.substring(at + 1);
        if (hostPort.startsWith("[")) {
            return hostPort.substring(0, hostPort.indexOf(']') + 1).toLowerCase(Locale.ROOT);
        }
        int colon = hostPort.indexOf(':');
        return (colon < 0 ? hostPort : hostPort.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** The authority text of an absolute URL string, or "" when it has none. */
    static String authority(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return "";
        }
        int end = start + 3;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(start + 3, end);
    }

    /** The path of a template URL before its first placeholder-free query: what a filled URL's path starts with. */
    static String literalPathPrefix(String templateUrl) {
        String afterAuthority = templateUrl.substring(templateUrl.indexOf("://") + 3 + authority(templateUrl).length());
        int cut = afterAuthority.length();
        for (char c : new char[] {'{', '?', '#'}) {
            int i = afterAuthority.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return afterAuthority.substring(0, cut);
    }

    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F]*:[0-9a-fA-F:]*")) {
            return false; // never a DNS lookup here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
