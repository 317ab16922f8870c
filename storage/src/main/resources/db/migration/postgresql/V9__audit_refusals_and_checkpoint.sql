-- PostgreSQL twin of ../h2/V9__audit_refusals_and_checkpoint.sql.
-- Aggregated refusals: one record stands for COUNT refused requests of one client (remote address)
-- between FIRST_AT and LAST_AT. Null on a record of one event.
ALTER TABLE audit_log ADD COLUMN client VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN refusal_count BIGINT;
ALTER TABLE audit_log ADD COLUMN first_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE audit_log ADD COLUMN last_at TIMESTAMP WITH TIME ZONE;

-- On PostgreSQL the trail is this database's audit_log table and each node keeps its checkpoint in
-- its data directory instead; the table exists so both dialects share one schema.
CREATE TABLE audit_checkpoint (
    id      INTEGER NOT NULL,
    sealed  BYTEA   NOT NULL,
    CONSTRAINT pk_audit_checkpoint PRIMARY KEY (id),
    CONSTRAINT ck_audit_checkpoint_single CHECK (id = 1)
);
