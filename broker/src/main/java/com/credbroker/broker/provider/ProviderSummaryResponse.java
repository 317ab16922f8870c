package com.credbroker.broker.provider;

import com.credbroker.refresh.provider.ProviderTemplate;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One provider in {@code GET /admin/providers}: what to pick it by and the per-connection fields it asks for. */
public record ProviderSummaryResponse(
        @JsonProperty("name") String name,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("auth_scheme") String authScheme,
        @JsonProperty("categories") List<String> categories,
        @JsonProperty("docs") List<String> docs,
        @JsonProperty("connection_fields") Map<String, Field> connectionFields) {

    /** A per-connection field: its pattern, an example and what it is. */
    public record Field(@JsonProperty("pattern") String pattern, @JsonProperty("example") String example,
            @JsonProperty("description") String description) {
    }

    public static ProviderSummaryResponse of(ProviderTemplate t) {
        Map<String, Field> fields = new java.util.TreeMap<>();
        t.connectionFields().forEach((k, f) -> fields.put(k, new Field(f.pattern(), f.example(), f.description())));
        return new ProviderSummaryResponse(t.name(), t.displayName(), t.authScheme(), t.categories(), t.docs(), fields);
    }
}
