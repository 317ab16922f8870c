-- The OAuth connect flow: one row per authorization started by POST /admin/connections/initiate.
-- state_hash is the hex SHA-256 of the random state sent to the provider; the state itself is never
-- stored. The first callback presenting the state consumes the row (consumed_at); any later one is
-- refused. redirect_uri is the broker's callback URL as sent in the authorization request (the code
-- exchange must repeat it exactly). After expires_at the state is refused and the connection becomes
-- EXPIRED with reason authorization_timeout. Rows go with their connection.
CREATE TABLE oauth_states (
    state_hash     CHAR(64)                 NOT NULL,
    credential_id  VARCHAR(64)              NOT NULL,
    redirect_uri   VARCHAR(2048)            NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_oauth_states PRIMARY KEY (state_hash),
    CONSTRAINT fk_oauth_states_credential FOREIGN KEY (credential_id)
        REFERENCES credentials (credential_id) ON DELETE CASCADE
);

CREATE INDEX ix_oauth_states_credential ON oauth_states (credential_id);
CREATE INDEX ix_oauth_states_expires_at ON oauth_states (expires_at);

-- The last test of a connection (POST /admin/credentials/{id}/test): healthy, unhealthy or unknown,
-- a coded reason (never a secret, never a response body) and when it ran. One row per connection,
-- gone with it.
CREATE TABLE connection_health (
    credential_id  VARCHAR(64)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    reason         VARCHAR(1024),
    http_status    INTEGER,
    checked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_connection_health PRIMARY KEY (credential_id),
    CONSTRAINT fk_connection_health_credential FOREIGN KEY (credential_id)
        REFERENCES credentials (credential_id) ON DELETE CASCADE
);
