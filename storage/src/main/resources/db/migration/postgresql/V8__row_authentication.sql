-- PostgreSQL twin of ../h2/V8__row_authentication.sql.
-- Row authentication (the database is untrusted storage). What decides who may read a secret or where
-- it is sent is authenticated under the keyring, so a row written around the broker is refused at use:
--   api_keys      row_seal: a keyring envelope (AAD 'api_key:<id>') of the SHA-256 of id, kind, scopes,
--                 secret_hash and whether the key is revoked. NULL = not sealed = refused.
--   auth_configs  the sealed payload also carries the endpoints, client and app (no new column).
--   credentials   the sealed payload also carries connection, entity, app, scheme and auth config.
-- SQL cannot compute these (no key here): rows present at this upgrade are adopted once, at the first
-- start after it, with the keyring open. adoption_pending is TRUE only when there were rows to adopt, so
-- a database created by this migration, or restored into one, never adopts anything.
ALTER TABLE api_keys ADD COLUMN row_seal BYTEA;
ALTER TABLE api_keys ADD CONSTRAINT ck_api_keys_row_seal_size CHECK (octet_length(row_seal) <= 256);

CREATE TABLE row_authentication (
    id                INT     NOT NULL,
    adoption_pending  BOOLEAN NOT NULL,
    CONSTRAINT pk_row_authentication PRIMARY KEY (id),
    CONSTRAINT ck_row_authentication_one_row CHECK (id = 1)
);

INSERT INTO row_authentication (id, adoption_pending)
SELECT 1, (EXISTS (SELECT 1 FROM api_keys) OR EXISTS (SELECT 1 FROM auth_configs)
           OR EXISTS (SELECT 1 FROM credentials));
