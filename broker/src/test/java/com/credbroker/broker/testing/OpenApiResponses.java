package com.credbroker.broker.testing;

import com.credbroker.broker.openapi.OpenApiRoutes;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks an answer of the API against {@code openapi.json}, the document that must not drift: a JSON body
 * of a documented operation must match that operation's response schema for its status. {@link Http} calls
 * it for every response, so every IT that talks to a broker checks the document as it goes. Answers of
 * undocumented paths, methods or statuses, and bodies that are not JSON, are not checked here (the route
 * table check in {@code OpenApiIT} covers which operations exist).
 */
public final class OpenApiResponses {
    private static final String DOCUMENT = "classpath:" + OpenApiRoutes.RESOURCE.substring(1);
    private static final OpenApiResponses INSTANCE = new OpenApiResponses();

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode spec;
    private final List<Operation> templates = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Operation(String template, Pattern pattern, int parameters) {
    }

    private OpenApiResponses() {
        try (InputStream in = OpenApiResponses.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
            spec = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spec.get("paths").propertyNames().forEach(template -> templates.add(new Operation(template,
                Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), template.split("\\{", -1).length - 1)));
        // a literal segment wins over a parameter: by-connection/{connection_id} before {credential_id}
        templates.sort(Comparator.comparingInt(Operation::parameters));
    }

    /** Fails with the schema's complaints when {@code response} breaks the document. */
    public static void check(String method, URI uri, HttpResponse<String> response) {
        INSTANCE.validate(method, uri, response);
    }

    private void validate(String method, URI uri, HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json") || response.body() == null || response.body().isEmpty()) {
            return;
        }
        Optional<String> pointer = schemaPointer(method.toLowerCase(Locale.ROOT), uri.getRawPath(),
                response.statusCode());
        if (pointer.isEmpty()) {
            return;
        }
        Schema schema = schemas.computeIfAbsent(pointer.get(), p -> registry.getSchema(SchemaLocation.of(DOCUMENT + p)));
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new AssertionError(method + " " + uri.getRawPath() + " answered " + response.statusCode()
                    + " with a body that is not JSON although its type says so");
        }
        List<Error> errors = schema.validate(body);
        if (!errors.isEmpty()) {
            throw new AssertionError("openapi.json does not describe the answer of " + method + " "
                    + uri.getRawPath() + " (" + response.statusCode() + ", schema " + pointer.get() + "): " + errors);
        }
    }

    /** The JSON pointer of the documented schema of this answer, if the document has one. */
    private Optional<String> schemaPointer(String method, String path, int status) {
        for (Operation operation : templates) {
            if (!operation.pattern().matcher(path).matches()) {
                continue;
            }
            JsonNode responses = spec.path("paths").path(operation.template()).path(method).path("responses");
            String key = responses.has(Integer.toString(status)) ? Integer.toString(status) : "default";
            JsonNode answer = responses.path(key);
            String base = "#/paths/" + escape(operation.template()) + "/" + method + "/responses/" + key;
            if (answer.has("$ref")) {
                base = answer.get("$ref").asString();
                answer = spec.at(base.substring(1));
            }
            if (answer.path("content").path("application/json").has("schema")) {
                return Optional.of(base + "/content/application~1json/schema");
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
    }
}
