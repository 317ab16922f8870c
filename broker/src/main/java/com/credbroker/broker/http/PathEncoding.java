package com.credbroker.broker.http;

import io.javalin.http.Context;

/**
 * Refuses a request path with a broken percent-escape ({@code %}, {@code %z1}) before any route decodes
 * it: Jetty lets such an escape through after a {@code ;}, and decoding it later would fail as a 500.
 */
public final class PathEncoding {
    private PathEncoding() {
    }

    public static void requireWellFormed(Context ctx) {
        String path = ctx.req().getRequestURI();
        if (path != null && !wellFormed(path)) {
            throw ApiException.badRequest("the request path has a malformed percent-escape");
        }
    }

    static boolean wellFormed(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '%') {
                if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
