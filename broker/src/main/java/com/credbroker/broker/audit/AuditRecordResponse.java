package com.credbroker.broker.audit;

import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.storage.audit.AuditRecord;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One audit record on the wire. */
public record AuditRecordResponse(
        @JsonProperty("seq") long seq,
        @JsonProperty("at") String at,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("action") String action,
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("prev_hash") String prevHash,
        @JsonProperty("hash") String hash) {

    public static AuditRecordResponse of(AuditRecord r) {
        return new AuditRecordResponse(r.seq(), CredentialViews.timestamp(r.entry().at()), r.entry().keyId(),
                r.entry().action(), r.entry().connectionId(), r.entry().outcome(), r.entry().requestId(),
                r.prevHash(), r.hash());
    }
}
