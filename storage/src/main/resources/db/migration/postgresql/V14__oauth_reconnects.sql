-- PostgreSQL twin of ../h2/V14__oauth_reconnects.sql (reconnect in place; see there).
CREATE TABLE oauth_reconnects (
    state_hash            CHAR(64)           NOT NULL,
    credential_id         VARCHAR(64)        NOT NULL,
    allow_account_change  BOOLEAN            NOT NULL,
    payload               BYTEA              NOT NULL,
    CONSTRAINT pk_oauth_reconnects PRIMARY KEY (state_hash),
    CONSTRAINT fk_oauth_reconnects_state FOREIGN KEY (state_hash)
        REFERENCES oauth_states (state_hash) ON DELETE CASCADE,
    CONSTRAINT ck_oauth_reconnects_payload_size CHECK (octet_length(payload) <= 16384)
);
