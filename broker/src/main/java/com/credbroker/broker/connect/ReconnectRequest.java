package com.credbroker.broker.connect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /admin/connections/{connection_id}/reconnect}: re-authorize an existing OAUTH2 connection in
 * place, keeping its {@code connection_id} and {@code credential_id}. Every field is optional.
 *
 * @param authConfigId        when given, must be the connection's own auth config (else 409)
 * @param callbackUrl         where the browser goes when the reconnect ends; absent: the connection's own
 * @param scopes              the scopes to request; absent: the auth config's scopes
 * @param allowAccountChange  true: accept a grant of another upstream account than the stored one
 *                            (default false: such a grant is refused with {@code account_mismatch})
 */
public record ReconnectRequest(
        @JsonProperty("auth_config_id") String authConfigId,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("allow_account_change") Boolean allowAccountChange) {

    boolean accountChangeAllowed() {
        return Boolean.TRUE.equals(allowAccountChange);
    }
}
