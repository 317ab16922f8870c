package com.credbroker.broker.http;

import com.credbroker.broker.domain.AuditUnavailableException;
import com.credbroker.broker.domain.BrokerException;
import com.credbroker.broker.domain.ConflictException;
import com.credbroker.broker.domain.ForbiddenException;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.domain.ProviderConfigException;
import com.credbroker.broker.domain.RefreshRefusedException;
import com.credbroker.broker.domain.ScopeDeniedException;
import com.credbroker.broker.domain.ValidationException;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.refresh.connectioncheck.CheckRefusedException;
import com.credbroker.storage.authconfig.AuthConfigInUseException;
import com.credbroker.storage.backup.BackupRefusedException;
import com.credbroker.storage.credential.InvalidCredentialException;
import com.credbroker.storage.credential.VersionConflictException;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.DatabaseOutages;
import com.credbroker.storage.db.InvalidCursorException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into status codes and the JSON error body. Services, storage and
 * refresh throw domain exceptions ({@link BrokerException} and the storage and refresh rules); the table in
 * {@link #problemOf} gives each its status, code and headers. An unknown exception is a generic 500 with the
 * request ID; it is logged in full here, never shown.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private static final String WRITTEN = "credbroker.errorWritten";
    /** Seconds a client should wait after a database outage answer: long enough for a pool to reconnect. */
    static final String OUTAGE_RETRY_AFTER = "5";
    /** The header that names how a forced refresh ended, on success and refusal alike. */
    public static final String REFRESH_OUTCOME = "X-Refresh-Outcome";

    private final Json json;
    private final BrokerMetrics metrics;

    public ErrorMapper(Json json, BrokerMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** What a refusal becomes on the wire: status, error code, message and extra headers. */
    public record Problem(int status, String code, String message, Map<String, String> headers) {
        static Problem of(int status, String code, String message) {
            return new Problem(status, code, message, Map.of());
        }
    }

    /** The status of each broker refusal; the code and message are the exception's own. */
    private static final Map<Class<? extends BrokerException>, Integer> STATUS = Map.ofEntries(
            Map.entry(NotFoundException.class, 404),
            Map.entry(ConflictException.class, 409),
            Map.entry(ValidationException.class, 422),
            Map.entry(ProviderConfigException.class, 400),
            Map.entry(ScopeDeniedException.class, 403),
            Map.entry(ForbiddenException.class, 403),
            Map.entry(AuditUnavailableException.class, 503),
            Map.entry(RefreshRefusedException.NotRefreshable.class, 409),
            Map.entry(RefreshRefusedException.BackingOff.class, 429),
            Map.entry(RefreshRefusedException.Rejected.class, 409),
            Map.entry(RefreshRefusedException.Unavailable.class, 503));

    public void handle(Exception exception, Context ctx) {
        Optional<Problem> refusal = problemOf(exception);
        if (refusal.isPresent()) {
            if (exception instanceof AuditUnavailableException) {
                metrics.auditFailed();
            }
            refusal.get().headers().forEach(ctx::header);
            write(ctx, refusal.get().status(), refusal.get().code(), refusal.get().message());
        } else if (exception instanceof DecryptionException) {
            metrics.decryptionFailed();
            RequestIds.logged(RequestIds.of(ctx), () -> LOG.error(
                    "a stored payload failed to decrypt (tampered, moved or wrong key) on {} {}",
                    ctx.method(), ctx.endpoint() == null ? "?" : ctx.endpoint().path));
            write(ctx, 500, "credential_unreadable", "the stored credential could not be read");
        } else if (DatabaseOutages.isOutage(exception)) {
            databaseOutage(ctx, exception);
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

    /**
     * The table: a refusal the caller can act on (a broker refusal, a domain rule of storage or refresh, or
     * an HTTP parsing error) and what it becomes; empty for failures of the broker itself.
     */
    public static Optional<Problem> problemOf(Throwable exception) {
        if (exception instanceof BrokerException refused) {
            return Optional.of(new Problem(STATUS.get(refused.getClass()), refused.code(), refused.getMessage(),
                    headersOf(refused)));
        } else if (exception instanceof ApiException api) {
            return Optional.of(new Problem(api.status(), api.code(), api.getMessage(), api.headers()));
        } else if (exception instanceof InvalidCredentialException invalid) {
            return Optional.of(Problem.of(422, "validation_failed", invalid.getMessage()));
        } else if (exception instanceof VersionConflictException conflict) {
            return Optional.of(Problem.of(409, "conflict", conflict.getMessage()));
        } else if (exception instanceof AuthConfigInUseException inUse) {
            return Optional.of(Problem.of(409, "auth_config_in_use", "the auth config is used by "
                    + inUse.connections() + " connection(s); delete them or point them at another auth config first"));
        } else if (exception instanceof CheckRefusedException test) {
            boolean conflict = test.code().equals("connection_disabled") || test.code().equals("not_testable");
            return Optional.of(Problem.of(conflict ? 409 : 422, test.code(), test.getMessage()));
        } else if (exception instanceof BackupRefusedException tooLarge) {
            return Optional.of(Problem.of(409, "backup_too_large", tooLarge.getMessage()));
        } else if (exception instanceof InvalidCursorException) {
            return Optional.of(Problem.of(400, "bad_request", "cursor is not a cursor this server issued"));
        }
        return Optional.empty();
    }

    /** The audit outcome of a failed operation: the refusal's error code, or {@code error} for our own failures. */
    public static String outcomeOf(Throwable exception) {
        return problemOf(exception).map(Problem::code).orElse("error");
    }

    private static Map<String, String> headersOf(BrokerException refused) {
        if (refused instanceof AuditUnavailableException) {
            return Map.of("Retry-After", "1");
        }
        if (refused instanceof RefreshRefusedException refresh) {
            return refresh.retryAfterSeconds() == null ? Map.of(REFRESH_OUTCOME, refresh.outcome())
                    : Map.of(REFRESH_OUTCOME, refresh.outcome(), "Retry-After", refresh.retryAfterSeconds().toString());
        }
        return Map.of();
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
