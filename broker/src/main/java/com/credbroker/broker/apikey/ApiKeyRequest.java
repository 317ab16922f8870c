package com.credbroker.broker.apikey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /admin/api-keys}: the header kind, a label and the scopes. */
public record ApiKeyRequest(
        @JsonProperty("kind") String kind,
        @JsonProperty("name") String name,
        @JsonProperty("scopes") List<String> scopes) {
}
