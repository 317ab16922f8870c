package com.credbroker.broker.http;

import com.credbroker.broker.auth.Authenticator;
import com.credbroker.broker.logging.AccessLogWriter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.Set;

/**
 * One line per request on the API port, logger {@code credbroker.access}: method, route template, status,
 * duration, key ID and request ID. The route is the template the request matched
 * ({@code .../by-connection/{connection_id}}), never the path sent: a path or query parameter may hold a
 * secret, and a connection ID is the caller's business. The key ID names a key without revealing it; a
 * request that was not authenticated logs {@code -}. Switched off by {@code CREDBROKER_ACCESS_LOG=false}.
 * The request thread only queues the line; {@link AccessLogWriter} writes it, in batches.
 */
public final class AccessLog {
    public static final String LOGGER = AccessLogWriter.LOGGER;
    /** What a request that matched no route logs instead of its path. */
    static final String UNMATCHED = "-";
    private static final Set<HandlerType> STANDARD_METHODS = Set.of(HandlerType.GET, HandlerType.POST,
            HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS,
            HandlerType.TRACE, HandlerType.CONNECT, HandlerType.QUERY);

    private AccessLog() {
    }

    /** Queues the finished request's line; Javalin calls it once per request, after the response is complete. */
    public static void log(Context ctx, Float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? UNMATCHED : endpoint.path;
        String keyId = Authenticator.keyIdOf(ctx).orElse(UNMATCHED);
        long duration = millis == null ? 0 : Math.round(millis);
        AccessLogWriter.shared().add(new AccessLogWriter.Line(method(ctx.method()), route, ctx.statusCode(), duration,
                keyId, RequestIds.of(ctx)));
    }

    /** Writes every queued line now (tests read them; a stopping broker flushes them). */
    public static void flush() {
        AccessLogWriter.shared().flush();
    }

    /** A standard method's name; any other verb (Javalin makes one for whatever the request line said) is OTHER. */
    static String method(HandlerType method) {
        return STANDARD_METHODS.contains(method) ? method.name() : "OTHER";
    }
}
