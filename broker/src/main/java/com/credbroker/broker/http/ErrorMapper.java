package com.credbroker.broker.http;

import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.storage.credential.InvalidCredentialException;
import com.credbroker.storage.credential.VersionConflictException;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.DatabaseOutages;
import com.credbroker.storage.db.InvalidCursorException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into status codes and the JSON error body. An unknown
 * exception is a generic 500 with the request ID; it is logged in full here, never shown.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private static final String WRITTEN = "credbroker.errorWritten";
    /** Seconds a client should wait after a database outage answer: long enough for a pool to reconnect. */
    static final String OUTAGE_RETRY_AFTER = "5";

    private final Json json;
    private final BrokerMetrics metrics;

    public ErrorMapper(Json json, BrokerMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    public void handle(Exception exception, Context ctx) {
        if (exception instanceof ApiException api) {
            if ("audit_unavailable".equals(api.code())) {
                metrics.auditFailed();
            }
            api.headers().forEach(ctx::header);
            write(ctx, api.status(), api.code(), api.getMessage());
        } else if (exception instanceof InvalidCredentialException invalid) {
            write(ctx, 422, "validation_failed", invalid.getMessage());
        } else if (exception instanceof VersionConflictException conflict) {
            write(ctx, 409, "conflict", conflict.getMessage());
        } else if (exception instanceof DecryptionException) {
            metrics.decryptionFailed();
            RequestIds.logged(RequestIds.of(ctx), () -> LOG.error(
                    "a stored payload failed to decrypt (tampered, moved or wrong key) on {} {}",
                    ctx.method(), ctx.endpoint() == null ? "?" : ctx.endpoint().path));
            write(ctx, 500, "credential_unreadable", "the stored credential could not be read");
        } else if (DatabaseOutages.isOutage(exception)) {
            databaseOutage(ctx, exception);
        } else if (exception instanceof InvalidCursorException) {
            write(ctx, 400, "bad_request", "cursor is not a cursor this server issued");
        } else if (isBrokenRequestBody(exception)) {
            // The client announced more body than it sent, or sent broken chunks: its fault, not ours.
            write(ctx, 400, "bad_request", "the request body could not be read");
        } else if (exception instanceof HttpResponseException http) {
            write(ctx, http.getStatus(), codeFor(http.getStatus()), messageFor(http.getStatus()));
        } else {
            RequestIds.logged(RequestIds.of(ctx), () -> LOG.error("unhandled error on {} {}", ctx.method(),
                    ctx.endpoint() == null ? "?" : ctx.endpoint().path, exception));
            write(ctx, 500, "internal_error", "internal error; quote the request_id when reporting it");
        }
    }

    /** The database cannot be reached: a retryable 503, logged by exception type only (driver texts may quote values). */
    private void databaseOutage(Context ctx, Exception exception) {
        RequestIds.logged(RequestIds.of(ctx), () -> LOG.warn("database unavailable on {} {}: {}", ctx.method(),
                ctx.endpoint() == null ? "?" : ctx.endpoint().path, rootType(exception)));
        ctx.header("Retry-After", OUTAGE_RETRY_AFTER);
        write(ctx, 503, "database_unavailable", "the database is unavailable; try again later");
    }

    private static String rootType(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** An I/O failure while reading the request (Jetty's early EOF, a bad chunk): the client's, not ours. */
    private static boolean isBrokenRequestBody(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof EofException || t instanceof HttpException bad && bad.getCode() < 500
                    || t instanceof java.io.IOException && t.getClass().getName().startsWith("org.eclipse.jetty.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * For statuses set without an exception (no route matched, method not allowed); a response this
     * mapper already wrote is left as it is.
     */
    public void handleStatus(Context ctx) {
        if (ctx.attribute(WRITTEN) == null) {
            int status = ctx.statusCode();
            write(ctx, status, codeFor(status), messageFor(status));
        }
    }

    private void write(Context ctx, int status, String code, String message) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        UnreadBodies.drain(ctx.req());
        ctx.status(status).contentType("application/json")
                .result(json.write(ErrorBody.of(code, message, RequestIds.of(ctx))));
    }

    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 422 -> "validation_failed";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    public static String messageFor(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 408 -> "the request did not arrive in time";
            case 413 -> "request body too large";
            case 414 -> "request URI too long";
            case 431 -> "request headers too large";
            default -> status >= 500 ? "internal error" : "the request could not be understood";
        };
    }
}
