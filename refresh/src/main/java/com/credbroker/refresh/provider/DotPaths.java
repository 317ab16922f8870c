package com.credbroker.refresh.provider;

import java.util.Map;

/** Reads a template's dot paths ({@code authed_user.access_token}) in parsed JSON objects. Stateless. */
public final class DotPaths {
    private DotPaths() {
    }

    /** The value at a dot path ({@code a.b.c}) of nested JSON objects; null when the path or any step is missing. */
    public static Object at(Map<?, ?> json, String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        Object current = json;
        for (String step : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(step);
        }
        return current;
    }
}
