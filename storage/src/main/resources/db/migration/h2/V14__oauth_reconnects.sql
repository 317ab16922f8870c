-- Reconnect in place (POST /admin/connections/{connection_id}/reconnect): an authorization started to
-- re-authorize an EXISTING connection under its own connection_id and credential_id. The connection is
-- served unchanged until the new grant completes, so what the flow needs and the connection must not
-- show yet lives here, one row per started authorization (its oauth_states row):
--   allow_account_change  the caller accepted that the upstream account may differ from the stored one
--   payload               sealed with AAD 'reconnect:<state_hash>:<credential_id>:<allow_account_change>'
--                         (so neither plain column can be changed around the broker): the PKCE code
--                         verifier and the callback_url of this reconnect (never readable in plain text)
-- Rows go with their authorization (purged a day after it ended) and so with their connection.
CREATE TABLE oauth_reconnects (
    state_hash            CHAR(64)           NOT NULL,
    credential_id         VARCHAR(64)        NOT NULL,
    allow_account_change  BOOLEAN            NOT NULL,
    payload               VARBINARY(16384)   NOT NULL,
    CONSTRAINT pk_oauth_reconnects PRIMARY KEY (state_hash),
    CONSTRAINT fk_oauth_reconnects_state FOREIGN KEY (state_hash)
        REFERENCES oauth_states (state_hash) ON DELETE CASCADE
);
