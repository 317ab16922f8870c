-- PostgreSQL twin of ../h2/V3__api_keys.sql.
-- API keys: only the SHA-256 of the secret is stored. scopes is a space-separated, sorted list.
CREATE TABLE api_keys (
    id           VARCHAR(64)              NOT NULL,
    kind         VARCHAR(16)              NOT NULL,
    name         VARCHAR(255)             NOT NULL,
    scopes       VARCHAR(1024)            NOT NULL,
    secret_hash  BYTEA                    NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_api_keys PRIMARY KEY (id),
    CONSTRAINT uq_api_keys_secret_hash UNIQUE (secret_hash),
    CONSTRAINT ck_api_keys_secret_hash_size CHECK (octet_length(secret_hash) <= 32)
);

CREATE INDEX ix_api_keys_created_at ON api_keys (created_at, id);
