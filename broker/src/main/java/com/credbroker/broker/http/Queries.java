package com.credbroker.broker.http;

import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.CredentialStatus;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Query parameters of the listings, validated with messages that name the parameter, not its value. A
 * listing takes only the parameters it documents, each once: an unknown or repeated one is refused as an
 * unknown body field is, rather than ignored (a misspelt filter would otherwise list everything).
 */
public final class Queries {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** The parameters of a plain paginated listing. */
    public static final Set<String> PAGE = Set.of("limit", "cursor");
    public static final Set<String> CREDENTIAL_LIST = Set.of("app_name", "status", "entity_id", "auth_config_id",
            "is_disabled", "limit", "cursor");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,256}");
    private static final Pattern FILTER_VALUE = Pattern.compile("[A-Za-z0-9._:@-]{1,256}");

    private Queries() {
    }

    /** Refuses (400) a parameter not in {@code allowed}, or one given more than once. */
    public static void allowOnly(Context ctx, Set<String> allowed) {
        if (ctx.queryString() == null) {
            return;
        }
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            String name = parameter.getKey();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + Json.safeName(name) + "'; "
                        + (allowed.isEmpty() ? "this operation takes no query parameters"
                                : "this list takes " + String.join(", ", allowed.stream().sorted().toList())));
            }
            if (parameter.getValue().size() > 1) {
                throw ApiException.badRequest("query parameter '" + name + "' is given more than once");
            }
        }
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

    /** The filter of {@code GET /admin/credentials}; refuses parameters that listing does not take. */
    public static CredentialFilter credentialFilter(Context ctx) {
        allowOnly(ctx, CREDENTIAL_LIST);
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
