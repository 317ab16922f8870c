package com.credbroker.broker.http;

import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.CredentialStatus;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/** Query parameters of the listings, validated with messages that name the parameter, not its value. */
public final class Queries {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,256}");
    private static final Pattern FILTER_VALUE = Pattern.compile("[A-Za-z0-9._:@-]{1,256}");

    private Queries() {
    }

    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    public static String cursor(Context ctx) {
        String raw = ctx.queryParam("cursor");
        if (raw != null && !CURSOR.matcher(raw).matches()) {
            throw ApiException.badRequest("cursor is not a cursor this server issued");
        }
        return raw;
    }

    public static String optional(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw != null && !FILTER_VALUE.matcher(raw).matches()) {
            throw ApiException.badRequest(name + " has characters that no stored value has");
        }
        return raw;
    }

    public static CredentialFilter credentialFilter(Context ctx) {
        return new CredentialFilter(optional(ctx, "app_name"), status(ctx), optional(ctx, "entity_id"),
                optional(ctx, "auth_config_id"), bool(ctx, "is_disabled"));
    }

    private static CredentialStatus status(Context ctx) {
        String raw = ctx.queryParam("status");
        if (raw == null) {
            return null;
        }
        try {
            return CredentialStatus.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status must be one of ACTIVE, EXPIRED, INITIATED");
        }
    }

    private static Boolean bool(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        throw ApiException.badRequest(name + " must be true or false");
    }
}
