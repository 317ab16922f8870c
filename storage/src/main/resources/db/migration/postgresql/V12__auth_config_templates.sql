-- PostgreSQL twin of ../h2/V12__auth_config_templates.sql.
-- Provider templates (issue 17): an auth config may name a template instead of giving its own endpoints.
--   provider            the template's name; NULL = a config with its own endpoints (as before)
--   provider_overrides  JSON object text: template fields this config overrides (same names as in the
--                       template file, e.g. token_url); never a secret. NULL = none
--   connection_fields   JSON object text of strings: per-connection field values fixed for every connection
--                       of this config (e.g. a Zendesk subdomain). NULL = none
-- Plain text, not jsonb: the sealed row binding compares the stored text byte for byte.
-- token_endpoint becomes nullable: a config with a provider takes its endpoints from the template (an
-- explicit endpoint is kept as an override). The sealed payload's row binding carries the three new
-- columns too (they decide where secrets go); rows written before this migration have them NULL on both
-- sides, so they still open.
ALTER TABLE auth_configs ADD COLUMN provider VARCHAR(64);
ALTER TABLE auth_configs ADD COLUMN provider_overrides VARCHAR(16384);
ALTER TABLE auth_configs ADD COLUMN connection_fields VARCHAR(16384);
ALTER TABLE auth_configs ALTER COLUMN token_endpoint DROP NOT NULL;
