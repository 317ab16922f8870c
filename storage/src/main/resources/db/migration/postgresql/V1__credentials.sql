-- PostgreSQL twin of ../h2/V1__credentials.sql (same version, same tables and indexes).
-- Credentials: plain columns are the ones needed to find and schedule a connection.
-- Everything secret is inside payload, sealed with AAD 'connection:<credential_id>'.
-- key_term is the data-key term the payload was sealed under (for the background rewrap).
CREATE TABLE credentials (
    credential_id   VARCHAR(64)              NOT NULL,
    connection_id   VARCHAR(255)             NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    app_name        VARCHAR(255),
    auth_scheme     VARCHAR(16)              NOT NULL,
    entity_id       VARCHAR(255),
    auth_config_id  VARCHAR(64),
    is_disabled     BOOLEAN                  NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status_reason   VARCHAR(1024),
    version         BIGINT                   NOT NULL,
    key_term        INTEGER                  NOT NULL,
    -- BYTEA has no length; the check keeps H2's VARBINARY(1048576) bound
    payload         BYTEA                    NOT NULL,
    CONSTRAINT pk_credentials PRIMARY KEY (credential_id),
    CONSTRAINT uq_credentials_connection UNIQUE (connection_id),
    CONSTRAINT ck_credentials_payload_size CHECK (octet_length(payload) <= 1048576)
);

-- Listing filters page by credential_id, so each filter index ends with it.
CREATE INDEX ix_credentials_app_name ON credentials (app_name, credential_id);
CREATE INDEX ix_credentials_status ON credentials (status, credential_id);
CREATE INDEX ix_credentials_entity ON credentials (entity_id, credential_id);
CREATE INDEX ix_credentials_auth_config ON credentials (auth_config_id, credential_id);
CREATE INDEX ix_credentials_expires_at ON credentials (expires_at);
CREATE INDEX ix_credentials_key_term ON credentials (key_term);
