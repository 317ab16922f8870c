-- PostgreSQL twin of ../h2/V10__newest_first_listings.sql (the same statements).
-- Listings are newest first: ORDER BY created_at DESC, <id> DESC, keyset-paginated on that pair.
-- The filter indexes of V1 ended in credential_id (the old order); they are rebuilt under the same
-- names to end in (created_at, credential_id), so a filtered page is read in index order, and two
-- indexes serve the unfiltered listings.
DROP INDEX ix_credentials_app_name;
DROP INDEX ix_credentials_status;
DROP INDEX ix_credentials_entity;
DROP INDEX ix_credentials_auth_config;
CREATE INDEX ix_credentials_app_name ON credentials (app_name, created_at, credential_id);
CREATE INDEX ix_credentials_status ON credentials (status, created_at, credential_id);
CREATE INDEX ix_credentials_entity ON credentials (entity_id, created_at, credential_id);
CREATE INDEX ix_credentials_auth_config ON credentials (auth_config_id, created_at, credential_id);
CREATE INDEX ix_credentials_created_at ON credentials (created_at, credential_id);
CREATE INDEX ix_auth_configs_created_at ON auth_configs (created_at, auth_config_id);
