package com.credbroker.broker.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

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
        long bits = ThreadLocalRandom.current().nextLong();
        long more = ThreadLocalRandom.current().nextLong();
        char[] out = {'r', 'e', 'q', '_', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 4; i < 20; i++, bits >>>= 4) {
            out[i] = HEX[(int) (bits & 0xF)];
        }
        for (int i = 20; i < out.length; i++, more >>>= 4) {
            out[i] = HEX[(int) (more & 0xF)];
        }
        return new String(out);
    }

    /** Puts the request ID in the logging context for the lines logged inside {@code body}. */
    public static void logged(String requestId, Runnable body) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("request_id", requestId)) {
            body.run();
        }
    }
}
