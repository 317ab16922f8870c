-- H2 twin of ../postgresql/V7__change_notifications.sql, deliberately empty of effect.
-- On PostgreSQL, V7 adds triggers that announce changes to credentials, API keys and auth configs
-- (LISTEN/NOTIFY) so that every node drops what it cached. The embedded H2 database serves one node,
-- whose own writes already drop its cache, so there is nothing to announce. The version exists here so
-- that one version number means one schema on either database.
SELECT 1;
