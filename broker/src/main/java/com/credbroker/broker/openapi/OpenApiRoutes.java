package com.credbroker.broker.openapi;

import com.credbroker.broker.http.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document of the whole API at {@code /openapi.json}. */
public final class OpenApiRoutes {
    public static final String RESOURCE = "/openapi/openapi.json";

    public void register(RouteTable routes) {
        byte[] document = load();
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
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
