-- Auth configs: an app's OAuth client. The client secret is inside payload, sealed with AAD
-- 'auth_config:<auth_config_id>' (the payload is sealed even when there is no secret).
-- scopes is a space-separated list. refresh_blocked_reason is set when the provider rejected the client
-- (invalid_client / unauthorized_client): no connection of the config is refreshed until it is changed.
CREATE TABLE auth_configs (
    auth_config_id          VARCHAR(64)              NOT NULL,
    app_name                VARCHAR(255)             NOT NULL,
    token_endpoint          VARCHAR(2048)            NOT NULL,
    authorization_endpoint  VARCHAR(2048),
    revocation_endpoint     VARCHAR(2048),
    client_id               VARCHAR(512)             NOT NULL,
    client_auth_method      VARCHAR(32)              NOT NULL,
    scopes                  VARCHAR(4096)            NOT NULL,
    refresh_blocked_reason  VARCHAR(1024),
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT                   NOT NULL,
    key_term                INTEGER                  NOT NULL,
    payload                 VARBINARY(65536)         NOT NULL,
    CONSTRAINT pk_auth_configs PRIMARY KEY (auth_config_id)
);

CREATE INDEX ix_auth_configs_key_term ON auth_configs (key_term);

-- Refresh bookkeeping on credentials (plain columns; see RefreshStore):
--   has_refresh_token  whether the payload holds a refresh token; NULL = not yet known (rows written
--                      before this migration are backfilled at start, when the keyring is open)
--   refresh_failures   consecutive transient failures; retry_after: no attempt before this
--   lease_owner, lease_until, refresh_epoch: the refresh lease and its fencing epoch
--   refresh_sent_at    in-flight marker: a token request was sent under the current lease
ALTER TABLE credentials ADD COLUMN has_refresh_token BOOLEAN;
ALTER TABLE credentials ADD COLUMN refresh_failures INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE credentials ADD COLUMN retry_after TIMESTAMP WITH TIME ZONE;
ALTER TABLE credentials ADD COLUMN lease_owner VARCHAR(64);
ALTER TABLE credentials ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE credentials ADD COLUMN refresh_epoch BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE credentials ADD COLUMN refresh_sent_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_credentials_lease_until ON credentials (lease_until);
