-- OpenID Connect: the hex SHA-256 of the nonce an authorization request carried (null when the request
-- was not an OpenID one). The callback checks the ID token's nonce claim against it; the nonce itself,
-- like the state, is never stored.
ALTER TABLE oauth_states ADD COLUMN nonce_hash CHAR(64);
