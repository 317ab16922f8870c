-- PostgreSQL twin of ../h2/V10__audit_target.sql.
ALTER TABLE audit_log ADD COLUMN target_id VARCHAR(64);
