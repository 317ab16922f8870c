-- PostgreSQL twin of ../h2/V4__audit.sql. On PostgreSQL this table is the audit trail every node
-- appends to (the embedded default keeps its trail in segment files instead).
-- The hash-chained audit trail. hash = SHA-256(prev_hash || canonical(seq, entry)), hex.
CREATE TABLE audit_log (
    seq            BIGINT                   NOT NULL,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id         VARCHAR(64),
    action         VARCHAR(64)              NOT NULL,
    connection_id  VARCHAR(255),
    outcome        VARCHAR(32)              NOT NULL,
    request_id     VARCHAR(128),
    prev_hash      CHAR(64)                 NOT NULL,
    hash           CHAR(64)                 NOT NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (seq)
);

CREATE INDEX ix_audit_log_connection ON audit_log (connection_id, seq);

-- One row: the chain's head. Every batch locks it (SELECT ... FOR UPDATE), so several writers
-- (threads or broker nodes) extend one chain without forks.
CREATE TABLE audit_head (
    id         INTEGER  NOT NULL,
    last_seq   BIGINT   NOT NULL,
    last_hash  CHAR(64) NOT NULL,
    CONSTRAINT pk_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_audit_head_single CHECK (id = 1)
);

INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
