-- PostgreSQL twin of ../h2/V2__keyring.sql.
-- Keyring (as in Vault's barrier): data keys by term, each wrapped (AES-256-GCM) by the master key
-- with AAD 'keyring:term:<n>'. Nothing here is plaintext key material.
CREATE TABLE keyring_terms (
    term         INTEGER                  NOT NULL PRIMARY KEY,
    wrapped_key  BYTEA                    NOT NULL CHECK (octet_length(wrapped_key) <= 128),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- encryptions made under this term, summed over nodes; flushed periodically, not per encryption
    encryptions  BIGINT                   DEFAULT 0 NOT NULL
);

-- One row (id = 1): the canary proves the master key at start; kdf_* record the Argon2id salt and
-- cost when the master key comes from a passphrase (both NULL otherwise).
CREATE TABLE keyring_meta (
    id           INTEGER                  NOT NULL PRIMARY KEY,
    canary       BYTEA                    NOT NULL CHECK (octet_length(canary) <= 128),
    kdf_salt     BYTEA                    CHECK (octet_length(kdf_salt) <= 64),
    kdf_params   VARCHAR(100),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT keyring_meta_single_row CHECK (id = 1)
);
