package com.credbroker.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Locale;

/** Reads a JSON request body: content type checked (415), size bounded (413), JSON parsed (400). */
public final class Bodies {
    private final Json json;
    private final int maxBytes;

    public Bodies(Json json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    public JsonNode jsonObject(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/json");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return json.readTree(body);
    }

    public <T> T read(Context ctx, Class<T> type) {
        return json.read(jsonObject(ctx), type);
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "request body exceeds " + maxBytes + " bytes");
    }
}
