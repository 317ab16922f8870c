package com.credbroker.broker.credential;

import com.credbroker.broker.authconfig.ProviderChecks;
import com.credbroker.broker.domain.ForbiddenException;
import com.credbroker.storage.credential.Credential;
import java.util.Objects;

/**
 * The fields that decide where a connection's secrets are sent: the auth config (its token endpoint gets
 * the refresh token), {@code base_url} and {@code test_request_endpoint} (a connection test sends the
 * access token, extra headers and query values there) and {@code callback_url} (the browser returns
 * there), and {@code extra_data.connection_config} (its values fill the provider template's URLs). Changing them on an existing connection is as good as reading its secrets, so it needs a key
 * that may read them anyway ({@code credentials:read}) or {@code admin}. A new connection may set them
 * with {@code credentials:write} alone: its secrets are the caller's own.
 */
final class Retargeting {
    static final String CODE = "insufficient_scope";

    private Retargeting() {
    }

    static void check(Credential before, Credential after, boolean mayRetarget) {
        if (mayRetarget || !changes(before, after)) {
            return;
        }
        throw new ForbiddenException(CODE, "changing auth_config_id, base_url, test_request_endpoint,"
                + " callback_url or connection_config of an existing connection needs a key with the scope credentials:read or admin:"
                + " it changes where the connection's secrets are sent");
    }

    static boolean changes(Credential before, Credential after) {
        return !Objects.equals(before.authConfigId(), after.authConfigId())
                || !Objects.equals(before.secrets().baseUrl(), after.secrets().baseUrl())
                || !Objects.equals(before.secrets().testRequestEndpoint(), after.secrets().testRequestEndpoint())
                || !Objects.equals(before.secrets().callbackUrl(), after.secrets().callbackUrl())
                || !Objects.equals(before.secrets().extraData().get(ProviderChecks.CONNECTION_CONFIG),
                        after.secrets().extraData().get(ProviderChecks.CONNECTION_CONFIG));
    }
}
