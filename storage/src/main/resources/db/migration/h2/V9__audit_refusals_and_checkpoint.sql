-- Aggregated refusals: one record stands for COUNT refused requests of one client (remote address)
-- between FIRST_AT and LAST_AT. Null on a record of one event.
ALTER TABLE audit_log ADD COLUMN client VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN refusal_count BIGINT;
ALTER TABLE audit_log ADD COLUMN first_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE audit_log ADD COLUMN last_at TIMESTAMP WITH TIME ZONE;

-- The checkpoint of an audit trail kept in segment files (the embedded default): the chain's head
-- (count and last hash) and the anchor left by retention, sealed under the keyring (AES-GCM, so it
-- is authenticated). One row.
CREATE TABLE audit_checkpoint (
    id      INTEGER        NOT NULL,
    sealed  VARBINARY(512) NOT NULL,
    CONSTRAINT pk_audit_checkpoint PRIMARY KEY (id),
    CONSTRAINT ck_audit_checkpoint_single CHECK (id = 1)
);
