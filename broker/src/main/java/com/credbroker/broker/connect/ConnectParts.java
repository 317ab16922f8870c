package com.credbroker.broker.connect;

import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.config.ConnectConfig;
import com.credbroker.config.RefreshConfig;
import com.credbroker.storage.connect.ConnectStore;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.db.Transactions;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the connect flow's services share, built once by the broker.
 *
 * @param transactions   the one the connect store and the credential repository join (the callback's writes)
 * @param publicBaseUrl  the broker's public base URL (configured, or derived from the port it listens on)
 */
public record ConnectParts(
        AuthConfigService authConfigs,
        CredentialRepository credentials,
        ConnectStore store,
        Transactions transactions,
        LookupCache cache,
        RefreshConfig refreshConfig,
        ConnectConfig connectConfig,
        Supplier<URI> publicBaseUrl,
        Clock clock) {

    /** The broker's own OAuth callback: {@code <public base URL>/v1/personal-connectors/oauth/callback}. */
    URI callbackEndpoint() {
        String base = publicBaseUrl.get().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + ConnectRoutes.CALLBACK);
    }
}
