package com.credbroker.broker.openapi;

import com.credbroker.broker.http.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI document of the whole API at {@code /openapi.json}, and at {@code GET /} a small JSON
 * object that points to it (and a {@code Link: </openapi.json>; rel="service-desc"} header, RFC 8631). Not a
 * redirect: {@code curl http://host:8080/} shows where to go without {@code -L}.
 */
public final class OpenApiRoutes {
    public static final String RESOURCE = "/openapi/openapi.json";
    static final String INDEX = "{\"name\":\"credbroker\",\"openapi\":\"/openapi.json\",\"health\":\"/health/ready\"}";

    public void register(RouteTable routes) {
        byte[] document = load();
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document))
                .get("/", ctx -> ctx.header("Link", "</openapi.json>; rel=\"service-desc\"")
                        .contentType("application/json").result(INDEX));
    }

    public static byte[] load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
