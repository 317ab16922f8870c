-- What an audit record acted on when that is not a connection (an API key key_..., an auth config
-- ac_...): actions are names only, the ID has its own column. Null on older records and on the rest.
ALTER TABLE audit_log ADD COLUMN target_id VARCHAR(64);
