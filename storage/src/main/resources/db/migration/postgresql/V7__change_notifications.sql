-- PostgreSQL twin of ../h2/V7__change_notifications.sql (a no-op there: one node needs no announcements).
-- Cache coherence between nodes: a committed change to a credential, an API key or an auth config is
-- announced with pg_notify on the channel 'credbroker_<schema>' (one channel per schema, so brokers of
-- different schemas in one database do not hear each other). Every node LISTENs there and drops what it
-- cached. Payloads carry identifiers only, never a secret:
--   'c:<connection_id>'  one connection's lookup response is stale
--   'k:'                 API keys changed (created, revoked, deleted): forget verified keys
--   'a:'                 auth configs changed: every lookup response may be stale
-- pg_notify is transactional: the notice is sent at commit, and not at all on rollback.
-- Refresh bookkeeping (leases, epochs, in-flight markers) changes none of the watched columns and is
-- not announced; every change to what a lookup serves bumps version.

CREATE FUNCTION credbroker_notify_credential() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('credbroker_' || TG_TABLE_SCHEMA, 'c:' || OLD.connection_id);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.connection_id IS DISTINCT FROM NEW.connection_id THEN
        PERFORM pg_notify('credbroker_' || TG_TABLE_SCHEMA, 'c:' || OLD.connection_id);
    END IF;
    PERFORM pg_notify('credbroker_' || TG_TABLE_SCHEMA, 'c:' || NEW.connection_id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION credbroker_notify_table() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('credbroker_' || TG_TABLE_SCHEMA, TG_ARGV[0] || ':');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER tr_credentials_notify_write AFTER INSERT OR DELETE ON credentials
    FOR EACH ROW EXECUTE FUNCTION credbroker_notify_credential();

CREATE TRIGGER tr_credentials_notify_update AFTER UPDATE ON credentials
    FOR EACH ROW
    WHEN (OLD.version IS DISTINCT FROM NEW.version
          OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.is_disabled IS DISTINCT FROM NEW.is_disabled
          OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
          OR OLD.connection_id IS DISTINCT FROM NEW.connection_id)
    EXECUTE FUNCTION credbroker_notify_credential();

CREATE TRIGGER tr_api_keys_notify AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION credbroker_notify_table('k');

CREATE TRIGGER tr_auth_configs_notify AFTER INSERT OR UPDATE OR DELETE ON auth_configs
    FOR EACH STATEMENT EXECUTE FUNCTION credbroker_notify_table('a');
