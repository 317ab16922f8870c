package com.credbroker.broker.apikey;

import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.storage.apikey.ApiKey;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A key as shown on the wire; {@code secret} only in the creation response, never again. */
public record ApiKeyResponse(
        @JsonProperty("id") String id,
        @JsonProperty("kind") String kind,
        @JsonProperty("header") String header,
        @JsonProperty("name") String name,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("revoked_at") String revokedAt,
        @JsonProperty("secret") @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    public static ApiKeyResponse of(ApiKey key, String secret) {
        return new ApiKeyResponse(key.id(), key.kind().wireName(), key.kind().header(), key.name(),
                key.scopes().stream().sorted().toList(), CredentialViews.timestamp(key.createdAt()),
                CredentialViews.timestamp(key.revokedAt()), secret);
    }

    @Override
    public String toString() {
        return "ApiKeyResponse[" + id + ", secret=[REDACTED]]";
    }
}
