package com.credbroker.broker.audit;

import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.storage.audit.AuditRecord;
import com.credbroker.storage.audit.RefusalCount;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One audit record on the wire; {@code target_id} names the API key or auth config acted on (null
 * otherwise), {@code refusals} is null unless the record stands for several refusals.
 */
public record AuditRecordResponse(
        @JsonProperty("seq") long seq,
        @JsonProperty("at") String at,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("action") String action,
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("target_id") String targetId,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("prev_hash") String prevHash,
        @JsonProperty("hash") String hash,
        @JsonProperty("refusals") Refusals refusals) {

    public static AuditRecordResponse of(AuditRecord r) {
        RefusalCount count = r.entry().refusals();
        return new AuditRecordResponse(r.seq(), CredentialViews.timestamp(r.entry().at()), r.entry().keyId(),
                r.entry().action(), r.entry().connectionId(), r.entry().targetId(), r.entry().outcome(), r.entry().requestId(),
                r.prevHash(), r.hash(), count == null ? null : new Refusals(count.client(), count.count(),
                        CredentialViews.timestamp(count.first()), CredentialViews.timestamp(count.last())));
    }

    /** How many requests of one client were refused for this record's reason, and when. */
    public record Refusals(
            @JsonProperty("client") String client,
            @JsonProperty("count") long count,
            @JsonProperty("first_at") String firstAt,
            @JsonProperty("last_at") String lastAt) {
    }
}
