package com.credbroker.broker.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Every response carries {@code X-Request-Id}: the caller's, when it is safe to echo, or a new one. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "credbroker.requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** Assigns the request ID and sets the response header. Runs first for every request. */
    public static String assign(Context ctx) {
        String offered = ctx.header(HEADER);
        String id = offered != null && SAFE.matcher(offered).matches() ? offered : newId();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : assign(ctx);
    }

    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[24];
        out[0] = 'r';
        out[1] = 'e';
        out[2] = 'q';
        out[3] = '_';
        for (int i = 4; i < out.length; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }
}
